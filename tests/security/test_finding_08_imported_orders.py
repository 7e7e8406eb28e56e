"""Finding 8: an imported past order was a 500 on its page, its PDF and its page images
(“Order has no signed_pdf”), and imports headed the home page. An imported order's page shows its
text, its PDF is the file it was imported from (kept with its SHA-256), and the home page lists
the chambers' own work first."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from orders import services
from orders.models import AuditEvent, ImportedFile, Order

from ..paths import SEEDS_DIR
from .hostile_files import simple_pdf

pytestmark = pytest.mark.django_db

CRAWFORD = sorted(SEEDS_DIR.glob("*.txt"))[0].read_text()


def crawford_pdf() -> bytes:
    lines = CRAWFORD.splitlines()
    return simple_pdf([lines[i : i + 45] for i in range(0, len(lines), 45)])


def import_file(client, name: str, data: bytes) -> Order:
    response = client.post(reverse("orders:import_orders"), {"files": [SimpleUploadedFile(name, data)]})
    assert response.status_code == 200
    return Order.objects.get(source=Order.Source.IMPORTED, imported_from=name)


def test_an_imported_pdf_order_shows_its_text_and_serves_its_own_file(demo_client):
    data = crawford_pdf()
    order = import_file(demo_client, "crawford.pdf", data)
    digest = hashlib.sha256(data).hexdigest()
    assert ImportedFile.objects.get(order=order).sha256 == digest

    page = demo_client.get(reverse("orders:order_detail", args=[order.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert digest in html and "crawford.pdf" in html
    assert "Download the original PDF" in html
    assert "EXTENSION OF TIME" in html  # the text as imported

    pdf = demo_client.get(reverse("orders:order_pdf", args=[order.pk]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content == data
    assert AuditEvent.objects.filter(order_ref=order.pk, detail__contains=digest).exists()

    preview = demo_client.get(reverse("orders:order_page_png", args=[order.pk, 1]))
    assert preview.status_code == 404
    assert demo_client.get(reverse("orders:order_review", args=[order.pk])).status_code == 200


def test_an_imported_text_file_is_served_as_the_text_file_it_was(demo_client):
    order = import_file(demo_client, "crawford.txt", CRAWFORD.encode())
    response = demo_client.get(reverse("orders:order_pdf", args=[order.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == CRAWFORD.encode()
    assert (
        "Download the original text file"
        in demo_client.get(reverse("orders:order_detail", args=[order.pk])).content.decode()
    )


def test_an_order_imported_from_text_alone_has_a_page_and_no_file_not_a_500(demo, demo_client):
    clerk = demo_client.get(reverse("orders:home")).wsgi_request.user
    order = services.order_import(text=CRAWFORD, filename="crawford.txt", imported_by=clerk).order
    assert demo_client.get(reverse("orders:order_detail", args=[order.pk])).status_code == 200
    assert (
        "no file was kept"
        in demo_client.get(reverse("orders:order_detail", args=[order.pk])).content.decode()
    )
    assert demo_client.get(reverse("orders:order_pdf", args=[order.pk])).status_code == 404


def test_the_home_page_lists_the_chambers_work_before_imported_orders(demo_client):
    with open("/dev/null", "w") as devnull:
        call_command("import_orders", str(SEEDS_DIR), user="clerk", no_progress=True, stdout=devnull)
    recent = list(demo_client.get(reverse("orders:home")).context["recent_orders"])
    sources = [order.source for order in recent]
    assert Order.Source.DRAFTED in sources and Order.Source.IMPORTED in sources
    assert sources == sorted(sources, key=lambda source: source == Order.Source.IMPORTED)
    assert sources[0] == Order.Source.DRAFTED
