"""Finding 7: one POST of 50 × 9.9 MB past orders left a worker at 2 GB. An upload past 256 KB
streams to a temporary file, files are read one at a time, a request carries a bounded number of
files and bytes (a clear form error past the total), and the text kept of an order is capped."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse

from orders import importing, past_order_forms, services, views
from orders.importing import ImportFileError, read_order_file
from orders.models import Order

pytestmark = pytest.mark.django_db

IMPORT = reverse("orders:import_orders")


def test_uploads_past_a_small_size_stream_to_disk_and_are_read_one_at_a_time(demo_client, monkeypatch):
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 1024 * 1024
    seen = []
    real = views._import_upload

    def spy(request, upload, court, judges):
        seen.append((type(upload), upload.size, [type(f) for f in request.FILES.getlist("files")]))
        return real(request, upload, court, judges)

    monkeypatch.setattr(views, "_import_upload", spy)
    big = b"ORDER\n" + b"The motion is denied. " * 100_000  # 2.2 MB of text
    files = [SimpleUploadedFile(f"order-{n}.txt", big) for n in range(3)]
    response = demo_client.post(IMPORT, {"files": files})
    assert response.status_code == 200
    assert [kind for kind, _, _ in seen] == [TemporaryUploadedFile] * 3


def test_more_bytes_than_the_total_limit_is_a_form_error_and_imports_nothing(demo_client, monkeypatch):
    monkeypatch.setattr(past_order_forms, "MAX_IMPORT_TOTAL_BYTES", 1024 * 1024)
    files = [SimpleUploadedFile(f"order-{n}.txt", b"x" * 400_000) for n in range(3)]
    response = demo_client.post(IMPORT, {"files": files})
    assert response.status_code == 400
    assert "The files add up to 1.1 MB; import at most 1 MB at a time" in response.content.decode()
    assert not Order.objects.filter(source=Order.Source.IMPORTED).exists()


def test_a_request_with_too_many_files_is_refused(demo_client):
    files = [SimpleUploadedFile(f"o{n}.txt", b"x") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)]
    response = demo_client.post(IMPORT, {"files": files})
    assert response.status_code == 400
    assert not Order.objects.filter(source=Order.Source.IMPORTED).exists()


def test_the_text_kept_of_an_order_is_capped(demo, monkeypatch):
    monkeypatch.setattr(importing, "MAX_SOURCE_CHARS", 10_000)
    with pytest.raises(ImportFileError, match="too much text for one order"):
        read_order_file("long.txt", b"The motion is denied. " * 1_000)
    from orders.services import past_orders

    monkeypatch.setattr(past_orders, "MAX_SOURCE_CHARS", 10_000)
    clerk = demo["Crawford v. Beard"].assigned_judge.memberships.first().user
    with pytest.raises(services.ImportRefused, match="too much text"):
        services.order_import(text="The motion is denied. " * 1_000, filename="x.txt", imported_by=clerk)


def test_a_request_declaring_more_than_the_total_is_refused_before_its_body_is_read(demo_client):
    declared = 50 * 9_900_000  # the finding's 50 × 9.9 MB
    response = demo_client.post(
        IMPORT, {"files": [SimpleUploadedFile("o.txt", b"x")]}, CONTENT_LENGTH=str(declared)
    )
    assert response.status_code == 400
    assert "The files add up to 472.1 MB; import at most 50 MB at a time" in response.content.decode()
    assert not Order.objects.filter(source=Order.Source.IMPORTED).exists()
