use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Declares every error code once: its stable name (what hosts send and the UI translates),
/// the HTTP status a server answers with, and its message in both languages. `{name}` in a
/// message is filled from the error's `params`.
macro_rules! error_codes {
    ($( $variant:ident = $code:literal, $status:literal, $zh:literal, $en:literal; )*) => {
        /// 错误代码 — the stable code of every error the command surface returns.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        pub enum ErrorCode {
            $( #[serde(rename = $code)] $variant, )*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[ $( ErrorCode::$variant, )* ];

            /// The stable code, e.g. `store.conflict`.
            pub fn as_str(self) -> &'static str {
                match self { $( ErrorCode::$variant => $code, )* }
            }

            /// The HTTP status a server answers this error with.
            pub fn http_status(self) -> u16 {
                match self { $( ErrorCode::$variant => $status, )* }
            }

            /// The message shown to the user, `{param}` placeholders unfilled.
            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (ErrorCode::$variant, Lang::Zh) => $zh,
                       (ErrorCode::$variant, Lang::En) => $en, )*
                }
            }
        }
    };
}

/// The two languages of the product (zh-CN first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `JUNHENG_LANG=en…` selects English; anything else Chinese.
    pub fn from_env() -> Lang {
        match std::env::var("JUNHENG_LANG") {
            Ok(v) if v.to_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Zh,
        }
    }
}

error_codes! {
    UnknownCommand = "api.unknown_command", 404,
        "后端不支持该命令：{cmd}", "The backend does not support the command {cmd}.";
    BadRequest = "api.bad_request", 400,
        "命令 {cmd} 的请求参数有误：{detail}", "Bad request for {cmd}: {detail}";
    ReadOnly = "api.read_only", 403,
        "服务器为只读模式，不能修改数据。", "The server is read-only; it cannot change data.";
    TooLarge = "api.too_large", 413,
        "请求过大：{cmd} 最多接受 {limit_bytes} 字节。", "The request is too large: {cmd} takes at most {limit_bytes} bytes.";
    NotServed = "api.not_served", 403,
        "该命令只在桌面版中可用。", "This command is available in the desktop app only.";
    BadHost = "api.bad_host", 421,
        "请求的主机名 {host} 不在本服务器允许的列表中。", "The host name {host} is not one this server answers to.";
    ServerBusy = "api.server_busy", 503,
        "服务器连接数已满，请稍后重试。", "The server has too many connections; try again shortly.";
    LocalOnly = "api.local_only", 400,
        "无账号的写入模式（--allow-writes）只能在本机地址上使用；请先用 junheng user add 建立账号。", "Writes without accounts (--allow-writes) are for a loopback address only; add accounts with `junheng user add` first.";
    AuthRequired = "auth.required", 401,
        "请先登录。", "Please sign in.";
    AuthBadCredentials = "auth.bad_credentials", 401,
        "用户名或密码错误。", "Wrong user name or password.";
    AuthLocked = "auth.locked", 429,
        "登录失败次数过多，该账号已暂时锁定，请于 {until} 后再试。", "Too many failed sign-ins; the account is locked until {until}.";
    AuthForbidden = "auth.forbidden", 403,
        "您的角色（{role}）不能执行该操作：{cmd}。", "Your role ({role}) may not run {cmd}.";
    AuthOutOfScope = "auth.out_of_scope", 403,
        "县（区）{county} 不在您的权限范围内。", "County {county} is outside your scope.";
    AuthCsrf = "auth.csrf", 403,
        "页面已过期（缺少或错误的安全令牌），请刷新后重试。", "The page is out of date (missing or wrong security token); reload and try again.";
    AuthBadUser = "auth.bad_user", 400,
        "账号信息无效：{detail}", "Invalid account: {detail}";
    AuthWeakPassword = "auth.weak_password", 400,
        "密码须为 {min}–{max} 个字符。", "A password must have {min}–{max} characters.";
    AuthUnknownUser = "auth.unknown_user", 404,
        "没有名为 {name} 的账号。", "There is no account named {name}.";
    Cancelled = "job.cancelled", 409,
        "操作已取消，未保存任何修改。", "The operation was cancelled; nothing was saved.";
    BadBase64 = "input.bad_base64", 400,
        "上传的文件内容无法解码（不是有效的 base64）。", "The uploaded file could not be decoded (not valid base64).";
    InputInvalid = "input.invalid", 400,
        "导入的数据有误，请按提示修改后重新导入。", "The imported data has errors; fix them and import again.";
    NoCounty = "data.no_county", 404,
        "尚未创建任何县（区）：请先新建县区或加载示例县。", "No county has been set up yet: create one or load the demo county.";
    CountyNotFound = "data.county_not_found", 404,
        "数据库中没有县（区）{code} 的数据。", "County {code} is not in the database.";
    CountyAmbiguous = "data.county_ambiguous", 400,
        "数据库中有多个县（区），请指定要操作的县（区）（--county 代码）：{codes}", "The database holds several counties; name the one to act on (--county CODE): {codes}";
    CountyUnknownCode = "county.unknown_code", 400,
        "代码 {code} 不是现行的县级行政区划代码（县级代码为6位数字，如 331125 云和县；可按名称或拼音首字母查找）。", "{code} is not a current county-level division code (a county code has 6 digits, e.g. 331125 for 云和县; search by name or initials).";
    CountyNotCountyLevel = "county.not_county_level", 400,
        "代码 {code}（{name}）是{level}，请选择其下的县（区、市）。", "{code} ({name}) is a {level_en}; choose one of its counties.";
    CountyObsoleteCode = "county.obsolete_code", 400,
        "{code}（{name}）已于人口普查后撤销或合并，现行区划中没有该代码（同一地级市此后新设：{added}）；请新建现行的县（区）并导入其人口。", "{code} ({name}) was abolished or merged after the 2020 census (created in its prefecture since: {added}); create the current unit and import its population.";
    CountyNoCensus = "county.no_census", 400,
        "{code}（{name}）是普查后新设的县级单位，没有第七次人口普查数据；请用 --population 提供其常住人口年龄性别表。", "{code} ({name}) was created after the 2020 census and has no census table; supply its resident population by age and sex (--population).";
    CountyExists = "county.exists", 409,
        "县（区）{code} 已存在。", "County {code} already exists.";
    EditBadAction = "edit.bad_action", 400,
        "未知的编辑操作：{action}", "Unknown edit action: {action}";
    EditNoAuthor = "edit.no_author", 400,
        "请先填写编辑人。", "Enter your name in the author field first.";
    EditIncomplete = "edit.incomplete", 400,
        "设施须有编号和名称。", "A facility needs an id and a name.";
    EditDuplicateId = "edit.duplicate_id", 400,
        "编号 {id} 已被使用，请换一个编号。", "The id {id} is already used; choose another.";
    EditOutsideCounty = "edit.outside_county", 400,
        "该位置（{lon}，{lat}）不在本县范围内，请放在本县的乡镇（街道）内。", "The point ({lon}, {lat}) is outside the county; place it inside one of its townships.";
    EditBadPopulation = "edit.bad_population", 400,
        "常住人口须为不小于 0 的整数（收到 {value}）。", "A resident population must be a whole number of 0 or more (got {value}).";
    EditUnknownTownship = "edit.unknown_township", 400,
        "找不到编码为 {code} 的乡镇（街道），请重新加载后再操作。", "There is no township {code}; reload and try again.";
    EditOutOfRange = "edit.out_of_range", 400,
        "{field}：{detail_zh}", "{field}: {detail}";
    StoreOpen = "store.open", 500,
        "无法打开数据库：{detail}", "Cannot open the database: {detail}";
    StoreNewerSchema = "store.newer_schema", 500,
        "数据库由更新版本的均衡写入，当前版本无法读取；数据库未被修改，请升级软件（{detail}）。", "The database was written by a newer version of Junheng and cannot be read; it was not changed. Please upgrade ({detail}).";
    StoreSql = "store.sql", 500,
        "数据库读写出错：{detail}", "A database error occurred: {detail}";
    StoreCorrupt = "store.corrupt", 500,
        "数据库已损坏，请从备份恢复：{detail}", "The database is damaged; restore a backup: {detail}";
    StoreConflict = "store.conflict", 409,
        "数据已在别处被修改，请重新加载后再操作（{detail}）。", "The data were changed elsewhere; reload and try again ({detail}).";
    StoreBusy = "store.busy", 503,
        "数据库正忙（另一写入尚未完成），请稍后重试。", "The database is busy with another write; try again shortly.";
    StoreReadOnly = "store.read_only", 403,
        "数据库以只读方式打开，不能修改。", "The database is open read-only; it cannot be changed.";
    NormsUnknownId = "norms.unknown_id", 400,
        "标准库中没有编号为 {id} 的标准。", "There is no norm with id {id}.";
    NormsInvalidValue = "norms.invalid_value", 400,
        "标准值 {value} 无效：{detail}", "Invalid norm value {value}: {detail}";
    NormsNoSource = "norms.no_source", 400,
        "请填写取值依据（文件名称、文号或出处，300字以内）。", "Name the source of the value (document, number or publication; at most 300 characters).";
    StandardsInvalid = "standards.invalid", 400,
        "本方案的标准取值无效，请检查所选标准和数值（{detail}）。", "The scenario's norm values are not valid; check the norms and values chosen ({detail}).";
    ProjectionBadYears = "projection.bad_years", 400,
        "规划年份无效。", "The plan years are not valid.";
    ProjectionBadAssumption = "projection.bad_assumption", 400,
        "预测假设无效。", "A projection assumption is not valid.";
    ProjectionNoHukou = "projection.no_hukou", 400,
        "尚未导入户籍人口表，不能按户籍口径预测；请先在数据导入页导入。", "No registered-population table has been imported, so there is no registered-basis projection; import one on the Import page first.";
    ProjectionHukouMigration = "projection.hukou_migration", 400,
        "户籍口径不能同时设置迁移：户籍人口按户口登记统计，不随居住地迁移。", "The registered basis cannot take a migration assumption: registered residents are counted wherever they live.";
    ScenarioUnknownFacility = "scenario.unknown_facility", 400,
        "措施所指的设施 {facility} 在该年份不存在（可能尚未建成或已被关停）。", "The facility {facility} does not exist in that year (not yet built, or closed).";
    ScenarioDuplicateFacility = "scenario.duplicate_facility", 400,
        "已存在编号为 {facility} 的设施，新建设施不能重复使用该编号。", "A facility with id {facility} already exists; a new facility cannot reuse it.";
    ScenarioAlreadyClosed = "scenario.already_closed", 400,
        "设施 {facility} 在该年份已关停，不能再对它采取措施。", "The facility {facility} is already closed in that year.";
    ScenarioBadYear = "scenario.bad_year", 400,
        "措施年份须在 2000–2100 年之间。", "An intervention's year must be between 2000 and 2100.";
    ScenarioOutsideCounty = "scenario.outside_county", 400,
        "“{name}”的位置（{lon}，{lat}）不在本县任何乡镇（街道）范围内。", "The location of \"{name}\" ({lon}, {lat}) is outside every township of the county.";
    ScenarioNoName = "scenario.no_name", 400,
        "请填写方案名称。", "Enter a name for the scenario.";
    ScenarioNotFound = "scenario.not_found", 404,
        "方案 {id} 不存在，可能已被删除。", "The scenario {id} does not exist; it may have been deleted.";
    ScenarioCompareCount = "scenario.compare_count", 400,
        "对比方案须为 1–{max} 个。", "Compare 1–{max} scenarios.";
    SitingInvalid = "siting.invalid", 400,
        "选址条件无效：请检查设施类型、新增设施数（1–5）、服务半径和目标年份。", "Invalid siting question: check the facility type, new sites (1–5), service radius and target year.";
    AccessBadDistance = "access.bad_distance", 400,
        "距离参数无效：须为正数（米）。", "The distances must be positive numbers of metres.";
    ExportFailed = "export.failed", 500,
        "导出失败。", "Export failed.";
    ExportBadSize = "export.bad_size", 400,
        "图片尺寸须为每边 {min}–{max} 像素（收到 {width}×{height}）。", "The image must be {min}–{max} pixels a side (got {width}×{height}).";
    ExportBadName = "export.bad_name", 400,
        "文件名无效。", "The file name is not valid.";
    ExportNoDownloads = "export.no_downloads", 500,
        "找不到“下载”文件夹。", "No Downloads folder was found.";
    ExportWriteFailed = "export.write_failed", 500,
        "写入文件失败。", "Writing the file failed.";
    Internal = "internal", 500,
        "后端内部错误。", "Internal backend error.";
}

/// The error every host returns: a stable `code` the UI translates, the message in the
/// language asked for (for logs and the CLI), and `params` for the translation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error, ts_rs::TS)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[ts(type = "Record<string, unknown>")]
    pub params: Value,
}

/// `{name}` placeholders of `template` filled from `params` (strings as they are, other
/// values as JSON); an unknown name is left as it is.
pub fn fill(template: &str, params: &Value) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match params.get(name) {
                    Some(Value::String(s)) => out.push_str(s),
                    Some(v) => out.push_str(&v.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

impl ApiError {
    /// An error with a technical detail message (English, for logs) and params.
    pub fn new(code: ErrorCode, message: impl Into<String>, params: Value) -> Self {
        ApiError {
            code,
            message: message.into(),
            params,
        }
    }

    /// An error whose message is its code's template filled from `params`, in English.
    pub fn with(code: ErrorCode, params: Value) -> Self {
        let message = fill(code.template(Lang::En), &params);
        ApiError::new(code, message, params)
    }

    /// What a person reads: the code's message in `lang` with the params filled in (a code
    /// whose details matter carries them as params).
    pub fn localized(&self, lang: Lang) -> String {
        fill(self.code.template(lang), &self.params)
    }

    pub fn unknown_command(cmd: &str) -> Self {
        Self::with(ErrorCode::UnknownCommand, json!({ "cmd": cmd }))
    }

    pub fn bad_request(cmd: &str, detail: &str) -> Self {
        Self::with(
            ErrorCode::BadRequest,
            json!({ "cmd": cmd, "detail": detail }),
        )
    }

    pub fn no_county() -> Self {
        Self::with(ErrorCode::NoCounty, json!({}))
    }

    pub fn county_not_found(code: &str) -> Self {
        Self::with(ErrorCode::CountyNotFound, json!({ "code": code }))
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, detail, json!({}))
    }
}

impl From<junheng_store::StoreError> for ApiError {
    fn from(e: junheng_store::StoreError) -> Self {
        use junheng_store::StoreError as S;
        let code = match &e {
            S::Open { .. } => ErrorCode::StoreOpen,
            S::NewerSchema { .. } => ErrorCode::StoreNewerSchema,
            S::Sql(_) => ErrorCode::StoreSql,
            S::Corrupt(_) => ErrorCode::StoreCorrupt,
            S::Conflict(_) => ErrorCode::StoreConflict,
            S::Busy => ErrorCode::StoreBusy,
            S::ReadOnly(_) => ErrorCode::StoreReadOnly,
        };
        let detail = e.to_string();
        ApiError::new(code, detail.clone(), json!({ "detail": detail }))
    }
}

impl From<junheng_io::InputErrors> for ApiError {
    fn from(e: junheng_io::InputErrors) -> Self {
        let cells: Vec<Value> = e
            .0
            .iter()
            .map(|c| json!({ "file": c.file, "row": c.row, "column": c.column, "value": c.value, "message_zh": c.message_zh, "message_en": c.message_en, "omitted": c.omitted }))
            .collect();
        ApiError::new(
            ErrorCode::InputInvalid,
            e.to_string(),
            json!({ "errors": cells }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_serialise_as_their_name() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {}", c.as_str());
            assert_eq!(serde_json::to_value(c).unwrap(), json!(c.as_str()));
            assert!((400..600).contains(&c.http_status()));
            assert!(!c.template(Lang::Zh).is_empty() && !c.template(Lang::En).is_empty());
        }
    }

    #[test]
    fn placeholders_filled_from_params() {
        let p = json!({ "code": "330100", "n": 3 });
        assert_eq!(
            fill("县 {code} 有 {n} 个；{missing}", &p),
            "县 330100 有 3 个；{missing}"
        );
        assert_eq!(fill("no braces", &p), "no braces");
        assert_eq!(fill("open { only", &p), "open { only");
        let e = ApiError::county_not_found("331125");
        assert_eq!(e.message, "County 331125 is not in the database.");
        assert_eq!(e.localized(Lang::Zh), "数据库中没有县（区）331125 的数据。");
    }
}
