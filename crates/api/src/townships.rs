//! 乡镇 — what a planner does to the township layer of a county set up from national data: place
//! each seat (驻地) and get estimated boundaries from them, add a township of their own, hand
//! the 未分配 remainder to a township; and 清除示例 facilities.

use serde::{Deserialize, Serialize};
use serde_json::json;

use junheng_core::geo::{voronoi_zones, Area};
use junheng_core::{BoundaryStatus, CountyDataset, LonLat, PopulationStatus, Township};
use junheng_store::{Change, ChangeEntry, ChangeItem, ZoneGeometry};

use crate::import::{apply_fresh, zone_totals_change};
use crate::{ApiError, Ctx, ErrorCode};

fn author_of(author: &str) -> Result<String, ApiError> {
    let a = author.trim();
    if a.is_empty() {
        return Err(ApiError::with(ErrorCode::EditNoAuthor, json!({})));
    }
    Ok(a.to_string())
}

fn unknown_township(code: &str) -> ApiError {
    ApiError::with(ErrorCode::EditUnknownTownship, json!({ "code": code }))
}

/// One seat placed on the map.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct TownshipSeat {
    pub code: String,
    /// `None` removes the seat.
    pub seat: Option<LonLat>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SetSeatsRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub author: String,
    pub seats: Vec<TownshipSeat>,
}

/// The geometry of every township once `seats` are placed: townships with imported boundaries
/// keep them; the others get the Voronoi cell of their seat among all seats, clipped to the
/// county outline and the imported boundaries' complement left as it is (估算边界).
pub fn seat_geometries(
    data: &CountyDataset,
    seats: &[TownshipSeat],
) -> Vec<(String, ZoneGeometry)> {
    let seat_of = |t: &Township| {
        seats
            .iter()
            .find(|s| s.code == t.code)
            .map(|s| s.seat)
            .unwrap_or(t.seat)
    };
    let placed: Vec<(&Township, LonLat)> = data
        .townships
        .iter()
        .filter_map(|t| seat_of(t).map(|s| (t, s)))
        .collect();
    let points: Vec<LonLat> = placed.iter().map(|(_, s)| *s).collect();
    let outline = data.outline.as_ref().map(Area::of_stored);
    let cells = voronoi_zones(&points, outline.as_ref());
    data.townships
        .iter()
        .map(|t| {
            let seat = seat_of(t);
            let mut g = ZoneGeometry::of(t);
            g.seat = seat;
            if t.boundary_status != BoundaryStatus::Surveyed {
                let cell = placed
                    .iter()
                    .position(|(p, _)| p.code == t.code)
                    .and_then(|i| cells[i].clone());
                match cell {
                    Some(cell) => {
                        g.area_km2 = cell.area_km2();
                        g.centroid = cell.centroid().unwrap_or(seat.unwrap_or(g.centroid));
                        g.interior = seat
                            .filter(|s| cell.contains(s.lon, s.lat))
                            .or_else(|| cell.interior_point())
                            .unwrap_or(g.centroid);
                        g.boundary = cell.to_multipolygon_geojson();
                        g.status = BoundaryStatus::Estimated;
                    }
                    None => {
                        g.boundary = serde_json::Value::Null;
                        g.status = BoundaryStatus::None;
                        g.area_km2 = 0.0;
                        if let Some(s) = seat {
                            g.centroid = s;
                            g.interior = s;
                        }
                    }
                }
            }
            (t.code.clone(), g)
        })
        .collect()
}

/// Places (or removes) township seats; every township without imported boundaries gets its
/// estimated boundary again from all seats. A seat outside the county is refused.
pub async fn set_township_seats(ctx: &Ctx, req: SetSeatsRequest) -> Result<ChangeEntry, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let author = author_of(&req.author)?;
    let (entry, ()) = apply_fresh(ctx, &code, false, |data| {
        let outline = data.outline.as_ref().map(Area::of_stored);
        for s in &req.seats {
            if data.township(&s.code).is_none() {
                return Err(unknown_township(&s.code));
            }
            if let (Some(p), Some(outline)) = (s.seat, &outline) {
                if !outline.contains(p.lon, p.lat) {
                    return Err(ApiError::with(
                        ErrorCode::EditOutsideCounty,
                        json!({ "lon": p.lon, "lat": p.lat }),
                    ));
                }
            }
        }
        let items: Vec<ChangeItem> = seat_geometries(data, &req.seats)
            .into_iter()
            .filter_map(|(code, after)| {
                let before = ZoneGeometry::of(data.township(&code)?);
                (before != after).then_some(ChangeItem::Geometry {
                    township: code,
                    before,
                    after,
                })
            })
            .collect();
        let names: Vec<&str> = req
            .seats
            .iter()
            .filter_map(|s| data.township(&s.code).map(|t| t.name.as_str()))
            .collect();
        Ok((
            Some(Change {
                author: author.clone(),
                action: "seats".into(),
                summary: format!("放置驻地：{}（按驻地估算边界）", names.join("、")),
                items,
            }),
            (),
        ))
    })
    .await?;
    entry.ok_or_else(|| ApiError::with(ErrorCode::EditIncomplete, json!({})))
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AddTownshipRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub author: String,
    /// 9 digits starting with the county code (a unit the national list lacks, e.g. a
    /// 开发区 or 管委会 the planner counts separately).
    pub code: String,
    pub name: String,
    /// 街道 / 镇 / 乡 / 其他.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub kind: Option<String>,
    /// Its 常住人口, taken from the county's 未分配 remainder (none: 待导入).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub resident_population: Option<u64>,
}

/// Longest township name accepted.
pub const MAX_TOWNSHIP_NAME_CHARS: usize = 40;

/// Adds a township of the planner's own; its population, if given, comes out of 未分配.
pub async fn add_township(ctx: &Ctx, req: AddTownshipRequest) -> Result<ChangeEntry, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let author = author_of(&req.author)?;
    let tcode = req.code.trim().to_string();
    let name = req.name.trim().to_string();
    let bad = |field: &str, value: &str| {
        ApiError::with(
            ErrorCode::EditOutOfRange,
            json!({ "field": field, "value": value,
                    "detail_zh": "须为以本县代码开头的9位数字代码、40字以内的名称、街道/镇/乡/其他之一",
                    "detail": "a 9-digit code starting with the county code, a name of at most 40 characters, one of 街道/镇/乡/其他" }),
        )
    };
    if tcode.len() != 9 || !tcode.starts_with(&code) || !tcode.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("code", &tcode));
    }
    if name.is_empty()
        || name.chars().count() > MAX_TOWNSHIP_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(bad("name", &name));
    }
    let kind = req.kind.clone().unwrap_or_else(|| "其他".into());
    if !["街道", "镇", "乡", "其他"].contains(&kind.as_str()) {
        return Err(bad("kind", &kind));
    }
    let (entry, ()) = apply_fresh(ctx, &code, false, |data| {
        if data.township(&tcode).is_some() {
            return Err(ApiError::with(
                ErrorCode::EditDuplicateId,
                json!({ "id": tcode }),
            ));
        }
        let mut t = Township::pending(&tcode, &name, &kind);
        t.user_defined = true;
        let mut items = vec![ChangeItem::Township {
            code: tcode.clone(),
            before: None,
            after: Some(t.clone()),
        }];
        if let Some(n) = req.resident_population {
            let mut with = data.clone();
            with.townships.push(t);
            let (c, _) = zone_totals_change(
                &with,
                &[(tcode.clone(), n)],
                PopulationStatus::Imported,
                &author,
                "add_township",
                String::new(),
            );
            // Applied after the township row, whose population starts pending (all zero).
            items.extend(c.items);
        }
        Ok((
            Some(Change {
                author: author.clone(),
                action: "add_township".into(),
                summary: format!("新增乡镇 {name}（{tcode}）"),
                items,
            }),
            (),
        ))
    })
    .await?;
    entry.ok_or_else(|| ApiError::with(ErrorCode::EditIncomplete, json!({})))
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AssignUnallocatedRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub author: String,
    pub township_code: String,
}

/// Hands the whole 未分配 remainder to one township (e.g. the successor of a 2020 unit that
/// has no 2023 code); the county total is unchanged.
pub async fn assign_unallocated(
    ctx: &Ctx,
    req: AssignUnallocatedRequest,
) -> Result<ChangeEntry, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let author = author_of(&req.author)?;
    let (entry, ()) = apply_fresh(ctx, &code, false, |data| {
        let t = data
            .township(&req.township_code)
            .ok_or_else(|| unknown_township(&req.township_code))?;
        let total = t.population.total() + data.unallocated.total();
        let (change, _) = zone_totals_change(
            data,
            &[(t.code.clone(), total)],
            PopulationStatus::Imported,
            &author,
            "assign_unallocated",
            format!("未分配人口 {} 人划入 {}", data.unallocated.total(), t.name),
        );
        Ok((Some(change), ()))
    })
    .await?;
    entry.ok_or_else(|| ApiError::with(ErrorCode::EditIncomplete, json!({})))
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ClearSamplesRequest {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub county: Option<String>,
    pub author: String,
}

/// Deletes every facility marked 示例数据, as one undoable change.
pub async fn clear_sample_facilities(
    ctx: &Ctx,
    req: ClearSamplesRequest,
) -> Result<ChangeEntry, ApiError> {
    let code = ctx.county_code(req.county.as_deref()).await?;
    let author = author_of(&req.author)?;
    let (entry, ()) = apply_fresh(ctx, &code, false, |data| {
        let items: Vec<ChangeItem> = data
            .facilities
            .iter()
            .filter(|f| f.sample)
            .map(|f| ChangeItem::Facility {
                id: f.id.clone(),
                before: Some(f.clone()),
                after: None,
                position: None,
            })
            .collect();
        let n = items.len();
        Ok((
            Some(Change {
                author: author.clone(),
                action: "clear_samples".into(),
                summary: format!("清除示例设施 {n} 个"),
                items,
            }),
            (),
        ))
    })
    .await?;
    entry.ok_or_else(|| ApiError::with(ErrorCode::EditIncomplete, json!({})))
}
