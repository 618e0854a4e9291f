//! Finding a county the way planners type it: 汉字 name, pinyin initials (`yhx`) or code.

use std::cmp::Reverse;

use crate::{CountyRef, National};

/// Longest query looked at; anything longer matches nothing.
pub const MAX_QUERY_CHARS: usize = 32;

/// Counties matching `query`, best first, at most `limit`.
///
/// * digits: code prefix (an exact code first), in code order;
/// * Latin letters: prefix of the pinyin initials, case-insensitive (exact initials first);
/// * anything else: the name equal to, starting with, or containing the query, then counties
///   whose prefecture name contains it (so `丽水` lists 丽水's counties).
///
/// Initials are often shared (`yhx` is 宜黄县, 云和县 and 永和县), so within a tier the more
/// populous county (census total) comes first — the likelier target without other context —
/// then code order. [`search_near`] lets a caller that knows the planner's province or
/// prefecture put that area first.
pub fn search<'a>(national: &'a National, query: &str, limit: usize) -> Vec<&'a CountyRef> {
    search_near(national, query, limit, "")
}

/// [`search`], with counties near `near` (a province, prefecture or county code; empty or
/// anything else for none) ahead of the others within each tier: same prefecture first,
/// then same province.
pub fn search_near<'a>(
    national: &'a National,
    query: &str,
    limit: usize,
    near: &str,
) -> Vec<&'a CountyRef> {
    let q = query.trim();
    if q.is_empty() || limit == 0 || q.chars().count() > MAX_QUERY_CHARS {
        return Vec::new();
    }
    let counties = national.counties();
    // `near` as a code: its prefecture digits (a province code's `00` matches no county)
    // and its province digits.
    let near = (near.len() == 6 && near.bytes().all(|b| b.is_ascii_digit())).then_some(near);
    let closeness = |c: &CountyRef| -> u8 {
        match near {
            None => 0,
            Some(n) if c.code[..4] == n[..4] => 0,
            Some(n) if c.code[..2] == n[..2] => 1,
            Some(_) => 2,
        }
    };
    let mut hits: Vec<(u8, Reverse<u64>, &CountyRef)> = Vec::new();
    if q.bytes().all(|b| b.is_ascii_digit()) {
        for c in counties {
            if c.code == q {
                hits.push((0, Reverse(0), c));
            } else if c.code.starts_with(q) {
                hits.push((1, Reverse(0), c));
            }
        }
    } else {
        let population = |c: &CountyRef| Reverse(national.census(&c.code).map_or(0, |r| r.total));
        if q.bytes().all(|b| b.is_ascii_alphabetic()) {
            let q = q.to_ascii_lowercase();
            for c in counties {
                if c.initials == q {
                    hits.push((0, population(c), c));
                } else if c.initials.starts_with(&q) {
                    hits.push((1, population(c), c));
                }
            }
        } else {
            for c in counties {
                let tier = if c.name == q {
                    0
                } else if c.name.starts_with(q) {
                    1
                } else if c.name.contains(q) {
                    2
                } else if c.prefecture.name.contains(q) {
                    3
                } else {
                    continue;
                };
                hits.push((tier, population(c), c));
            }
        }
    }
    // Stable sort: code order survives among equals.
    hits.sort_by_key(|h| (h.0, closeness(h.2), h.1));
    hits.into_iter().take(limit).map(|h| h.2).collect()
}
