"""Tags and filters for the plain-text order-type templates (``templates/order_types/*.txt``).

The templates are rendered with autoescape off and produce the stored body format
(``orders.body``). Write each paragraph inside ``{% paragraph %}…{% endparagraph %}``: the
whitespace inside collapses to single spaces, so ``{% if %}`` tags on their own lines never split
a paragraph, and whatever lies between paragraphs is dropped. ``{% heading %}CONCLUSION{% endheading %}``
is a centred heading, ``{% blockquote %}…{% endblockquote %}`` a block quote.
"""

import re

from django import template

from orders.order_types import text

register = template.Library()


class _BlockNode(template.Node):
    def __init__(self, nodelist: template.NodeList, prefix: str):
        self.nodelist = nodelist
        self.prefix = prefix

    def render(self, context: template.Context) -> str:
        words = " ".join(self.nodelist.render(context).split())
        return f"\n\n{self.prefix}{words}\n\n" if words else ""


def _block_tag(name: str, prefix: str):
    def compile_block(parser, token):
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return _BlockNode(nodelist, prefix)

    register.tag(name, compile_block)


_block_tag("paragraph", "")
_block_tag("heading", "# ")
_block_tag("blockquote", "> ")


@register.filter
def long_date(value) -> str:
    """{{ screening_date|long_date }} → “May 17, 2016”."""
    return text.long_date(value)


@register.filter
def money(value) -> str:
    """{{ fee|money }} → “$350.00”."""
    return text.money(value)


@register.filter
def docket(value, t=None) -> str:
    """{{ entries|docket:t }} → “Docket No. 53” / “Docket Nos. 52 and 53” in the order's style."""
    if value in (None, ""):
        return ""
    style = getattr(t, "docket_style", t) or text.DOCKET_NO
    return text.docket_ref(value, style)


@register.filter
def paragraphs(value) -> str:
    """{{ discussion|paragraphs }} (outside any paragraph tag): text typed in a form, one stored
    paragraph per blank-line-separated chunk, whitespace collapsed."""
    chunks = re.split(r"\n[ \t]*\n", str(value or "").replace("\r\n", "\n"))
    return "".join(f"\n\n{' '.join(chunk.split())}\n\n" for chunk in chunks if chunk.strip())
