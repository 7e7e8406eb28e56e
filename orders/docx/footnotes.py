"""Footnotes of an exported order: Word's own footnotes part (``word/footnotes.xml``), numbered
by the word processor in the order of their references as the PDF numbers them, set
single-spaced in the “Order Footnote” style. python-docx has no footnote API; the part is
written here and related to the document as Word does."""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from lxml import etree

from ..body import Body
from . import styles

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


class Footnotes:
    """Collects the references of the body (in reading order) and writes the part at the end."""

    def __init__(self, word: Document, body: Body) -> None:
        self.word = word
        self.body = body
        self.ids: dict[str, int] = {}

    def reference(self, paragraph: Paragraph, label: str) -> None:
        if label not in self.body.footnotes or label in self.ids:
            return  # the body's own check reports a reference without a text
        self.ids[label] = len(self.ids) + 1
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{self.ids[label]}"/></w:r>'
            )
        )

    def write(self) -> None:
        root = parse_xml(f"<w:footnotes {nsdecls('w')}>{_SEPARATORS}</w:footnotes>")
        style_id = self.word.styles[styles.FOOTNOTE].style_id
        for label, number in self.ids.items():
            note = etree.SubElement(root, qn("w:footnote"))
            note.set(qn("w:id"), str(number))
            paragraph = etree.SubElement(note, qn("w:p"))
            properties = etree.SubElement(paragraph, qn("w:pPr"))
            etree.SubElement(properties, qn("w:pStyle")).set(qn("w:val"), style_id)
            mark = etree.SubElement(paragraph, qn("w:r"))
            etree.SubElement(etree.SubElement(mark, qn("w:rPr")), qn("w:vertAlign")).set(
                qn("w:val"), "superscript"
            )
            etree.SubElement(mark, qn("w:footnoteRef"))
            space = etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn("w:t"))
            space.text = " "
            space.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            for span in self.body.footnotes[label].spans:
                if span.footnote:
                    continue
                run = etree.SubElement(paragraph, qn("w:r"))
                if span.italic or span.underline:
                    run_properties = etree.SubElement(run, qn("w:rPr"))
                    if span.italic:
                        etree.SubElement(run_properties, qn("w:i"))
                    if span.underline:
                        etree.SubElement(run_properties, qn("w:u")).set(qn("w:val"), "single")
                text = etree.SubElement(run, qn("w:t"))
                text.text = span.text
                text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        part = Part(
            PackURI("/word/footnotes.xml"),
            CONTENT_TYPE,
            etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
            self.word.part.package,
        )
        self.word.part.relate_to(part, RT.FOOTNOTES)
