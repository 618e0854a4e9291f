use crate::{CellError, InputErrors};

/// Text encodings Chinese spreadsheets are saved in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Gbk,
}

/// Decodes a text file saved as UTF-8 (with or without BOM) or GBK/GB18030, as Excel on a
/// Chinese Windows saves CSV. UTF-8 is tried first because valid GBK Chinese is almost never
/// valid UTF-8, while the reverse is common.
pub fn decode_text(file: &str, bytes: &[u8]) -> Result<(String, TextEncoding), InputErrors> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok((s.to_string(), TextEncoding::Utf8));
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(body);
    if had_errors {
        return Err(InputErrors::single(CellError::new(
            file,
            1,
            "",
            "",
            "文件既不是 UTF-8 也不是 GBK 编码的文本",
            "the file is neither UTF-8 nor GBK text",
        )));
    }
    Ok((text.into_owned(), TextEncoding::Gbk))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_utf8_bom_and_gbk() {
        let (s, e) = decode_text("a.csv", "\u{feff}名称,值\n".as_bytes()).unwrap();
        assert_eq!((s.as_str(), e), ("名称,值\n", TextEncoding::Utf8));
        let (gbk, _, _) = encoding_rs::GBK.encode("学校名称,学生数\n实验小学,1420\n");
        let (s, e) = decode_text("b.csv", &gbk).unwrap();
        assert_eq!(e, TextEncoding::Gbk);
        assert!(s.contains("实验小学,1420"));
        let err = decode_text("c.csv", &[0x81, 0x20, 0xff, 0xff]).unwrap_err();
        assert_eq!(err.0[0].file, "c.csv");
    }
}
