//! 账号与权限 — who may do what on a shared server: passwords (Argon2id), session tokens (only
//! their SHA-256 is stored), and scopes (a county, a prefecture such as 331100, a province
//! such as 330000, or 000000 for the whole country). Hosts call these; the store keeps the rows.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};

use junheng_store::{Role, User};

use crate::{Access, ApiError, ErrorCode};

/// Shortest and longest password accepted (characters).
pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 256;
/// Longest user name (characters).
pub const NAME_MAX_CHARS: usize = 64;
/// Most scope codes one account may have.
pub const SCOPE_MAX_CODES: usize = 64;
/// The scope code of the whole country.
pub const NATIONAL: &str = "000000";

/// The Argon2id PHC string of a password (a fresh random salt each time).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    check_password(password)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::internal(format!("password hashing failed: {e}")))
}

/// Whether `password` matches a stored hash; a malformed hash never matches.
pub fn verify_password(hash: &str, password: &str) -> bool {
    if password.chars().count() > PASSWORD_MAX_CHARS {
        return false;
    }
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash that no password matches, checked for unknown names so that they take as long as
/// known ones (the answer's time does not tell which names exist).
pub fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no password matches this one \x00", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

pub fn check_password(password: &str) -> Result<(), ApiError> {
    let n = password.chars().count();
    if !(PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&n) {
        return Err(ApiError::with(
            ErrorCode::AuthWeakPassword,
            json!({ "min": PASSWORD_MIN_CHARS, "max": PASSWORD_MAX_CHARS }),
        ));
    }
    Ok(())
}

fn bad_user(detail: String) -> ApiError {
    ApiError::with(ErrorCode::AuthBadUser, json!({ "detail": detail }))
}

/// A user name: 1–64 characters, no spaces or control characters.
pub fn check_name(name: &str) -> Result<(), ApiError> {
    let n = name.chars().count();
    if n == 0 || n > NAME_MAX_CHARS {
        return Err(bad_user(format!(
            "a user name has 1–{NAME_MAX_CHARS} characters"
        )));
    }
    if name.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(bad_user(
            "a user name has no spaces or control characters".into(),
        ));
    }
    Ok(())
}

/// Scope codes from `331125,331100`: each six digits — a county, a prefecture (…00), a
/// province (…0000) or 000000 (national).
pub fn parse_scope(text: &str) -> Result<Vec<String>, ApiError> {
    let codes: Vec<String> = text
        .split(',')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    if codes.is_empty() {
        return Err(bad_user("the scope needs at least one code".into()));
    }
    if codes.len() > SCOPE_MAX_CODES {
        return Err(bad_user(format!(
            "a scope has at most {SCOPE_MAX_CODES} codes"
        )));
    }
    for c in &codes {
        if c.len() != 6 || !c.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad_user(format!(
                "scope code {c:?} is not a 6-digit division code"
            )));
        }
    }
    Ok(codes)
}

/// Whether a scope code covers a county code.
pub fn code_covers(scope: &str, county: &str) -> bool {
    if scope == NATIONAL {
        return true;
    }
    if county.len() != 6 || scope.len() != 6 {
        return false;
    }
    if scope.ends_with("0000") {
        scope[..2] == county[..2]
    } else if scope.ends_with("00") {
        scope[..4] == county[..4]
    } else {
        scope == county
    }
}

/// Whether the user may see the county.
pub fn in_scope(user: &User, county: &str) -> bool {
    user.scope.iter().any(|s| code_covers(s, county))
}

/// Whether the user sees every county.
pub fn is_national(user: &User) -> bool {
    user.scope.iter().any(|s| s == NATIONAL)
}

/// May `user` run a command of this access on `county` (`None`: a command about no county)?
pub fn authorize(
    user: &User,
    cmd: &str,
    access: Access,
    county: Option<&str>,
) -> Result<(), ApiError> {
    if access == Access::Write && user.role == Role::Viewer {
        return Err(ApiError::with(
            ErrorCode::AuthForbidden,
            json!({ "role": user.role.key(), "cmd": cmd }),
        ));
    }
    if let Some(c) = county {
        if !in_scope(user, c) {
            return Err(ApiError::with(
                ErrorCode::AuthOutOfScope,
                json!({ "county": c }),
            ));
        }
    }
    Ok(())
}

/// A new random token (256 bits, base64url): a session cookie or a CSRF token.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the store keeps of a session token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, scope: &[&str]) -> User {
        User {
            name: "u".into(),
            role,
            scope: scope.iter().map(|s| s.to_string()).collect(),
            created_at: String::new(),
        }
    }

    #[test]
    fn scopes_cover_their_counties_only() {
        // 云和县 331125 is in 丽水市 331100, in 浙江省 330000; 西湖区 330106 is in 杭州市 330100.
        assert!(code_covers("331125", "331125"));
        assert!(code_covers("331100", "331125"));
        assert!(code_covers("330000", "331125"));
        assert!(code_covers("000000", "640522"));
        assert!(!code_covers("331100", "330106"));
        assert!(!code_covers("330100", "331125"));
        assert!(!code_covers("330000", "640522"));
        assert!(!code_covers("331125", "331126"));
        assert!(!code_covers("331100", "33112"));
        let planner = user(Role::Planner, &["331100", "640522"]);
        assert!(authorize(&planner, "edit_facility", Access::Write, Some("331125")).is_ok());
        assert!(authorize(&planner, "edit_facility", Access::Write, Some("640522")).is_ok());
        let e = authorize(&planner, "edit_facility", Access::Write, Some("330106")).unwrap_err();
        assert_eq!(e.code, ErrorCode::AuthOutOfScope);
        let viewer = user(Role::Viewer, &["330000"]);
        assert!(authorize(&viewer, "get_dashboard", Access::Read, Some("331125")).is_ok());
        let e = authorize(&viewer, "edit_facility", Access::Write, Some("331125")).unwrap_err();
        assert_eq!(e.code, ErrorCode::AuthForbidden);
        assert!(!is_national(&viewer));
        assert!(is_national(&user(Role::Admin, &["000000"])));
    }

    #[test]
    fn scope_text_is_checked() {
        assert_eq!(
            parse_scope(" 331125, 331100 ").unwrap(),
            ["331125", "331100"]
        );
        assert!(parse_scope("").is_err());
        assert!(parse_scope("3311").is_err());
        assert!(parse_scope("33112a").is_err());
        assert!(check_name("wang.li").is_ok());
        assert!(check_name("").is_err());
        assert!(check_name("a b").is_err());
        assert!(check_name(&"名".repeat(65)).is_err());
    }

    #[test]
    fn passwords_verify_against_their_hash_only() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password(&h, "correct horse"));
        assert!(!verify_password(&h, "correct horsE"));
        assert!(!verify_password("not a hash", "correct horse"));
        assert!(!verify_password(dummy_hash(), "correct horse"));
        // Two hashes of one password differ (salt), both verify.
        let h2 = hash_password("correct horse").unwrap();
        assert_ne!(h, h2);
        assert!(verify_password(&h2, "correct horse"));
        assert_eq!(
            hash_password("short").unwrap_err().code,
            ErrorCode::AuthWeakPassword
        );
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }
}
