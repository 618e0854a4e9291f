//! 注记避让 — township names placed so that no two overlap: the most important first, each at its
//! anchor or at the first free offset around it (above, below, right, left, diagonals), and
//! left out when none is free. Around a county seat the small 街道 crowd together; a hidden
//! name is better than a pile.

/// A rectangle in drawing pixels (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn centred(cx: f64, cy: f64, w: f64, h: f64) -> Rect {
        Rect {
            x0: cx - w / 2.0,
            y0: cy - h / 2.0,
            x1: cx + w / 2.0,
            y1: cy + h / 2.0,
        }
    }

    /// Whether the two share any area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub fn inside(&self, frame: &Rect) -> bool {
        self.x0 >= frame.x0 && self.x1 <= frame.x1 && self.y0 >= frame.y0 && self.y1 <= frame.y1
    }

    pub fn centre(&self) -> (f64, f64) {
        ((self.x0 + self.x1) / 2.0, (self.y0 + self.y1) / 2.0)
    }
}

/// A label to place: its anchor (the zone's centre), its text box and how much it matters
/// (larger first).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub anchor: (f64, f64),
    pub w: f64,
    pub h: f64,
    pub priority: f64,
}

/// Offsets tried in turn, in label widths and heights from the anchor: on it, then the ring
/// around it, then a ring one label further out.
const OFFSETS: [(f64, f64); 17] = [
    (0.0, 0.0),
    (0.0, -1.1),
    (0.0, 1.1),
    (0.6, 0.0),
    (-0.6, 0.0),
    (0.55, -1.0),
    (-0.55, -1.0),
    (0.55, 1.0),
    (-0.55, 1.0),
    (0.0, -2.2),
    (0.0, 2.2),
    (1.15, 0.0),
    (-1.15, 0.0),
    (1.1, -1.1),
    (-1.1, -1.1),
    (1.1, 1.1),
    (-1.1, 1.1),
];

/// Where each candidate's box goes (`None`: hidden). Boxes get `pad` pixels of clearance from
/// one another and from `obstacles` (legend, scale bar), and stay inside `frame`. `soft`
/// obstacles (facility dots) are avoided where an offset allows and covered only when none
/// does, since a name matters more than a dot under it.
pub fn place_labels(
    candidates: &[Candidate],
    frame: Rect,
    obstacles: &[Rect],
    soft: &[Rect],
    pad: f64,
) -> Vec<Option<Rect>> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| candidates[b].priority.total_cmp(&candidates[a].priority));
    let mut placed: Vec<Rect> = Vec::new();
    let mut out = vec![None; candidates.len()];
    for i in order {
        let c = &candidates[i];
        let free = |r: &Rect, avoid_soft: bool| {
            let grown = Rect {
                x0: r.x0 - pad,
                y0: r.y0 - pad,
                x1: r.x1 + pad,
                y1: r.y1 + pad,
            };
            r.inside(&frame)
                && !placed.iter().any(|p| p.overlaps(&grown))
                && !obstacles.iter().any(|o| o.overlaps(&grown))
                && (!avoid_soft || !soft.iter().any(|o| o.overlaps(r)))
        };
        let spots = || {
            OFFSETS.iter().map(|(dx, dy)| {
                Rect::centred(c.anchor.0 + dx * c.w, c.anchor.1 + dy * c.h, c.w, c.h)
            })
        };
        let spot = spots()
            .find(|r| free(r, true))
            .or_else(|| spots().find(|r| free(r, false)));
        if let Some(r) = spot {
            placed.push(r);
            out[i] = Some(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> Rect {
        Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 400.0,
            y1: 300.0,
        }
    }

    #[test]
    fn apart_labels_stay_on_their_anchors() {
        let c: Vec<Candidate> = (0..4)
            .map(|i| Candidate {
                anchor: (50.0 + 100.0 * i as f64, 150.0),
                w: 60.0,
                h: 20.0,
                priority: 1.0,
            })
            .collect();
        let p = place_labels(&c, frame(), &[], &[], 2.0);
        for (c, r) in c.iter().zip(&p) {
            assert_eq!(r.unwrap().centre(), c.anchor);
        }
    }

    #[test]
    fn crowded_labels_never_overlap() {
        // Twelve names piled around one county seat, as the demo county's 街道 are, with a
        // legend in the corner: whatever is shown overlaps nothing.
        let mut c = Vec::new();
        let mut seed = 7u64;
        let mut rnd = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as f64 / (1u64 << 31) as f64
        };
        for i in 0..12 {
            c.push(Candidate {
                anchor: (180.0 + 40.0 * rnd(), 140.0 + 30.0 * rnd()),
                w: 48.0 + 20.0 * rnd(),
                h: 18.0,
                priority: 12.0 - i as f64,
            });
        }
        let legend = Rect {
            x0: 300.0,
            y0: 0.0,
            x1: 400.0,
            y1: 120.0,
        };
        let p = place_labels(&c, frame(), &[legend], &[], 2.0);
        let shown: Vec<Rect> = p.iter().flatten().copied().collect();
        assert!(shown.len() >= 6, "only {} of 12 placed", shown.len());
        assert!(shown.len() < 12, "twelve cannot all fit around one point");
        for (i, a) in shown.iter().enumerate() {
            assert!(a.inside(&frame()) && !a.overlaps(&legend));
            for b in &shown[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
        }
        // The most important name keeps its anchor.
        assert_eq!(p[0].unwrap().centre(), c[0].anchor);
    }

    #[test]
    fn a_name_moves_off_a_dot_when_it_can_and_covers_it_when_it_cannot() {
        let c = [Candidate {
            anchor: (100.0, 100.0),
            w: 60.0,
            h: 20.0,
            priority: 1.0,
        }];
        let dot = Rect::centred(100.0, 100.0, 8.0, 8.0);
        let p = place_labels(&c, frame(), &[], &[dot], 2.0);
        let r = p[0].unwrap();
        assert!(!r.overlaps(&dot));
        assert_eq!(
            r.centre(),
            (100.0, 100.0 - 1.1 * 20.0),
            "moved above the dot"
        );
        // Dots everywhere: the name still shows at its anchor.
        let dots: Vec<Rect> = (0..40)
            .flat_map(|i| {
                (0..30).map(move |j| Rect::centred(i as f64 * 10.0, j as f64 * 10.0, 6.0, 6.0))
            })
            .collect();
        let p = place_labels(&c, frame(), &[], &dots, 2.0);
        assert_eq!(p[0].unwrap().centre(), (100.0, 100.0));
    }
}
