#!/usr/bin/env python3
"""Writes tests/fixtures/formats/story.docx, the Word fixture of the
format tests: planted slips in the body's prose (one split across runs),
traps in the document properties, the header and the footer, which
newslint does not read. Needs python-docx (`pip install python-docx`)."""
import sys
from pathlib import Path

import docx
from docx.shared import Pt

out = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/formats/story.docx")
d = docx.Document()
props = d.core_properties
props.title = "goverment troups"
props.subject = "recieve_timeout lenght"
props.keywords = "troups; goverment"
props.author = "goverment desk"
props.comments = "lenght = 12"
section = d.sections[0]
section.header.paragraphs[0].text = "goverment troups header"
section.footer.paragraphs[0].text = "recieve_timeout footer"

d.add_paragraph("Flood troups reach the river", style="Title")
p = d.add_paragraph("Rescue crews worked through the night, officials said.")
# `goverment` split across three runs, the middle one bold.
p = d.add_paragraph("The gover")
p.add_run("ment").bold = True
p.add_run(" said the pumps would run until morning.")
p = d.add_paragraph("One resident said the ")
p.add_run("the crews agreed —- a rare moment.").italic = True
d.add_paragraph("")
p = d.add_paragraph("Engineers\tworked late.")
d.add_paragraph("Volunteers handed out water.", style="List Bullet")
table = d.add_table(rows=2, cols=2)
table.cell(0, 0).text = "Town"
table.cell(0, 1).text = "Homes flooded"
table.cell(1, 0).text = "Riverside"
table.cell(1, 1).text = "120"
run = d.add_paragraph().add_run("Crews cleared the road on Tuesday.")
run.font.size = Pt(9)
d.save(out)
print(out)
