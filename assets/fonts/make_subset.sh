#!/usr/bin/env bash
# Rebuilds NotoSansSC-Junheng-Regular.otf: the Simplified Chinese face of Noto Sans CJK cut down to
# what county reports print (GB2312 hanzi and symbols, Latin, punctuation, units), so the binary
# stays small while Chinese never falls back to boxes.
#   Needs: Debian fonts-noto-cjk, fontTools (pip install fonttools).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="${NOTO_CJK_TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}"
out="$here/NotoSansSC-Junheng-Regular.otf"
unicodes="$(mktemp)"
trap 'rm -f "$unicodes"' EXIT

# The face index inside the collection differs between releases, so look it up by name.
index="$(python3 - "$src" <<'PY'
import sys
from fontTools.ttLib import TTCollection
for i, f in enumerate(TTCollection(sys.argv[1]).fonts):
    if f["name"].getDebugName(1) == "Noto Sans CJK SC":
        print(i)
        break
else:
    sys.exit("Noto Sans CJK SC not found in " + sys.argv[1])
PY
)"

# Every character of GB2312 (its symbol rows 1-9 and hanzi levels 1 and 2, rows 16-87).
python3 - > "$unicodes" <<'PY'
cps = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            cps.add(ord(bytes([hi, lo]).decode("gb2312")))
        except UnicodeDecodeError:
            pass
print(",".join(f"U+{c:04X}" for c in sorted(cps)))
PY

# ASCII, Latin-1, general punctuation (— … • ‰ ※), superscripts ² ³, letterlike/number forms,
# arrows, maths (≥ ≤ × ÷), box drawing, geometric shapes (■ ▲ ●), CJK symbols and punctuation,
# enclosed CJK (㎡ ㎞ via CJK compatibility), full-width forms.
extra="U+0020-007E,U+00A0-00FF,U+2010-205E,U+2070-209F,U+20AC,U+2100-218F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+2500-25FF,U+2600-266F,U+3000-303F,U+3200-33FF,U+FE30-FE4F,U+FF00-FFEF"

# Layout tables (GSUB/GPOS) are dropped: reports set horizontal CJK and Latin text glyph by glyph,
# and neither the PDF writer nor the chart renderer applies OpenType features.
pyftsubset "$src" \
  --font-number="$index" \
  --unicodes-file="$unicodes" \
  --unicodes="$extra" \
  --layout-features='' \
  --no-hinting \
  --drop-tables+=BASE,GDEF,GPOS,GSUB,VORG,vhea,vmtx \
  --name-IDs='*' \
  --output-file="$out"

ls -l "$out"
