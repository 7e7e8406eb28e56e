"""Write a stored order's PDF: ``manage.py render_order 12 -o order.pdf [--final] [--conformed] [--pdfa]``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orders.models import Order
from orders.pdf import page_count, render_order_pdf


class Command(BaseCommand):
    help = "Render an order's pleading-paper PDF to a file (a watermarked draft unless --final)."

    def add_arguments(self, parser):
        parser.add_argument("order_id", type=int, help="The order's id.")
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")
        parser.add_argument(
            "--final", action="store_true", help="The final PDF: no watermark, a signature field."
        )
        parser.add_argument(
            "--conformed", action="store_true", help="Print “/s/ Judge Name” instead of a signature field."
        )
        parser.add_argument("--pdfa", action="store_true", help="Write archival PDF/A-3b.")

    def handle(self, *args, order_id: int, output: str, final: bool, conformed: bool, pdfa: bool, **options):
        order = (
            Order.objects.select_related("case", "case__court", "judge")
            .prefetch_related("docket_entries", "case__parties")
            .filter(pk=order_id)
            .first()
        )
        if order is None:
            raise CommandError(f"There is no order {order_id}.")
        pdf = render_order_pdf(order, final=final, signature="conformed" if conformed else "field", pdfa=pdfa)
        path = Path(output)
        try:
            path.write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from error
        kind = "final" if final else "draft"
        self.stdout.write(f"Wrote {path} ({kind}, {page_count(pdf)} pages, {len(pdf):,} bytes).")
