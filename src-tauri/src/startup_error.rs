//! 启动失败 — a database the app refuses (written by a newer release, damaged, another
//! program's) is reported in a window as well as on stderr: an app started from the desktop
//! menu has no terminal, and without the window it would just vanish.

use std::path::Path;

use junheng_api::{ApiError, Lang};

const TITLE: &str = "均衡 · 无法打开数据库 (Junheng cannot open its database)";
const HEADLINE: &str = "均衡无法打开它的数据库\nJunheng cannot open its database";

/// Says why the database at `path` was refused, in Chinese and English, waits for the user to
/// close the message, and ends the process. Nothing was written to the database.
pub fn report_and_exit(path: &Path, error: &ApiError) -> ! {
    // The store's messages name the file; the path is added for the log only.
    let text = format!(
        "{}\n\n{}",
        error.localized(Lang::Zh),
        error.localized(Lang::En)
    );
    eprintln!(
        "junheng-desktop: {}: {} [{}]",
        path.display(),
        text.replace("\n\n", " | "),
        error.code.as_str()
    );
    show(&text);
    std::process::exit(1);
}

#[cfg(target_os = "linux")]
fn show(text: &str) {
    use gtk::prelude::*;
    // Without a display (a headless start) stderr is all there is.
    if gtk::init().is_err() {
        return;
    }
    let dialog = gtk::MessageDialog::new(
        None::<&gtk::Window>,
        gtk::DialogFlags::MODAL,
        gtk::MessageType::Error,
        gtk::ButtonsType::Close,
        HEADLINE,
    );
    dialog.set_secondary_text(Some(text));
    dialog.set_title(TITLE);
    dialog.run();
}

// Windows (MessageBoxW) and macOS (NSAlert) get their window when their bundles are built.
#[cfg(not(target_os = "linux"))]
fn show(_text: &str) {
    let _ = (TITLE, HEADLINE);
}
