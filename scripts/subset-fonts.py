"""Makes the report's embedded fonts: subsets of DejaVu Sans (regular and bold) as WOFF2, with
the characters of templates/fonts/fonts.json ("unicodeRange"), kerning and the glyph
composition features, no hinting (the PDF and screens do not need it). The result is about
65 KB per face instead of 700 KB, small enough to inline in every report.html.

Run with a Python that has fontTools and brotli (Debian: python3-fonttools, python3-brotli):
    /usr/bin/python3 scripts/subset-fonts.py [font folder, default /usr/share/fonts/truetype/dejavu]
It also copies the fonts' license (Bitstream Vera / DejaVu) next to them.
"""
import json
import os
import shutil
import sys

from fontTools import subset

HERE = os.path.dirname(os.path.abspath(__file__))
FONTS = os.path.join(HERE, '..', 'templates', 'fonts')
SOURCE = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/fonts/truetype/dejavu'
LICENSE = '/usr/share/doc/fonts-dejavu-core/copyright'

with open(os.path.join(FONTS, 'fonts.json'), encoding='utf-8') as f:
    config = json.load(f)
unicodes = ','.join(part.strip() for part in config['unicodeRange'].split(','))

for face in config['faces']:
    subset.main([
        os.path.join(SOURCE, face['source']),
        f'--unicodes={unicodes}',
        '--flavor=woff2',
        '--layout-features=kern,liga,tnum,lnum,ccmp,mark,mkmk',
        '--name-IDs=*',
        '--no-hinting',
        '--desubroutinize',
        f'--output-file={os.path.join(FONTS, face["file"])}',
    ])
if os.path.exists(LICENSE):
    shutil.copyfile(LICENSE, os.path.join(FONTS, 'LICENSE-DejaVu.txt'))
