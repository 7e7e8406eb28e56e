"""The filing copy's preflight, and the judge's digitally signed upload verified with pyHanko
(signed here with a certificate made at test time)."""

from __future__ import annotations

import datetime
import io

import pikepdf
import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from orders.pdf import render_pdf
from orders.pdf.preflight import (
    ERROR_ENCRYPTED,
    ERROR_FORM_FIELDS,
    ERROR_JAVASCRIPT,
    ERROR_TOO_LARGE,
    preflight,
)
from orders.pdf.signing import SignatureRefused, verify_signed_upload

from .pdf_helpers import body_of, crawford

LIMIT = 10 * 1024 * 1024


def make_certificate(name: str, *, issuer=None):
    """A key and certificate: self-signed (a root) or issued by ``issuer`` = (key, certificate)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_key, issuer_cert = issuer if issuer else (key, None)
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_cert.subject if issuer_cert else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=issuer is None,
                crl_sign=issuer is None,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return key, builder.sign(issuer_key, hashes.SHA256())


def pem(certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def court_ca():
    return make_certificate("Test Court Certificate Authority")


@pytest.fixture(scope="module")
def judge_key(court_ca):
    return make_certificate("Maria-Elena James", issuer=court_ca)


def signer_for(key, certificate, chain=()):
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    as_asn1 = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in chain]
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs(as_asn1),
    )


def sign(pdf: bytes, key_and_cert, *, chain=(), field="JudgeSignature") -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signers.sign_pdf(
        writer, signers.PdfSignatureMetadata(field_name=field), signer=signer_for(*key_and_cert, chain)
    )
    return out.getvalue()


@pytest.fixture(scope="module")
def signing_copy() -> bytes:
    return render_pdf(crawford(body=body_of(3)), final=True, signature="field")


def verify(uploaded: bytes, issued: bytes, **options):
    return verify_signed_upload(uploaded, issued=issued, max_bytes=LIMIT, **options)


# Verification ------------------------------------------------------------------------------------


def test_a_copy_signed_in_a_reader_is_verified_and_names_the_signer(signing_copy, judge_key, court_ca):
    signed = sign(signing_copy, judge_key, chain=[court_ca[1]])
    verified = verify(signed, signing_copy, trust_roots=[pem(court_ca[1])], require_trust=True)
    assert "Maria-Elena James" in verified.signer
    assert verified.trusted


def test_trust_is_configurable(signing_copy, court_ca):
    stranger = make_certificate("Somebody Else")
    signed = sign(signing_copy, stranger)
    assert not verify(signed, signing_copy, trust_roots=[pem(court_ca[1])]).trusted  # accepted, untrusted
    with pytest.raises(SignatureRefused) as refused:
        verify(signed, signing_copy, trust_roots=[pem(court_ca[1])], require_trust=True)
    assert refused.value.check == "trust" and "trusts" in str(refused.value)


def test_a_tampered_signed_file_is_refused_as_changed_after_signing(signing_copy, judge_key):
    signed = bytearray(sign(signing_copy, judge_key))
    # Move the signature's widget by a point (signed bytes of the update, after the issued copy).
    at = signed.index(b"/Rect [ ", len(signing_copy)) + 8
    signed[at] = ord("1") if signed[at] != ord("1") else ord("2")
    with pytest.raises(SignatureRefused) as refused:
        verify(bytes(signed), signing_copy)
    assert refused.value.check == "intact" and "changed after it was signed" in str(refused.value)


def test_a_re_saved_file_is_refused_as_not_the_issued_copy(signing_copy, judge_key):
    signed = sign(signing_copy, judge_key)
    with pikepdf.open(io.BytesIO(signed)) as document:
        out = io.BytesIO()
        document.save(out)
    with pytest.raises(SignatureRefused) as refused:
        verify(out.getvalue(), signing_copy)
    assert refused.value.check == "issued_copy" and "re-saved" in str(refused.value)


def test_another_orders_copy_signed_is_refused(signing_copy, judge_key):
    other = render_pdf(crawford(body=body_of(3, start=40)), final=True, signature="field")
    with pytest.raises(SignatureRefused) as refused:
        verify(sign(other, judge_key), signing_copy)
    assert refused.value.check == "issued_copy"


def test_an_update_appended_after_signing_is_refused(signing_copy, judge_key):
    signed = sign(signing_copy, judge_key)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    info = writer.trailer["/Info"].get_object() if "/Info" in writer.trailer else None
    if info is None:
        writer.root["/Extra"] = writer.add_object(generic.TextStringObject("added later"))
        writer.update_root()
    else:
        info["/Title"] = generic.TextStringObject("ORDER GRANTING EVERYTHING")
        writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(SignatureRefused) as refused:
        verify(out.getvalue(), signing_copy)
    assert refused.value.check == "coverage"


def test_a_signature_in_another_field_or_none_at_all_is_refused(signing_copy, judge_key):
    with pytest.raises(SignatureRefused) as refused:
        verify(sign(signing_copy, judge_key, field="SomeoneElse"), signing_copy)
    assert refused.value.check == "field"
    writer = IncrementalPdfFileWriter(io.BytesIO(signing_copy))
    writer.root["/Extra"] = writer.add_object(generic.TextStringObject("no signature"))
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(SignatureRefused) as refused:
        verify(out.getvalue(), signing_copy)
    assert refused.value.check == "signature_count"


def test_not_a_pdf_or_too_large_is_refused(signing_copy):
    with pytest.raises(SignatureRefused) as refused:
        verify(b"GIF89a" + signing_copy, signing_copy)
    assert refused.value.check == "pdf"
    with pytest.raises(SignatureRefused):
        verify_signed_upload(signing_copy + b"x" * 100, issued=signing_copy, max_bytes=len(signing_copy))


# Preflight ---------------------------------------------------------------------------------------


def test_the_conformed_filing_copy_passes_the_preflight():
    filing = render_pdf(crawford(body=body_of(6)), final=True, signature="conformed")
    assert preflight(filing, max_bytes=LIMIT) == []


def test_the_preflight_refuses_form_fields_javascript_encryption_and_size(signing_copy):
    assert ERROR_FORM_FIELDS in preflight(signing_copy, max_bytes=LIMIT)
    filing = render_pdf(crawford(body=body_of(2)), final=True, signature="conformed")
    assert preflight(filing, max_bytes=100) == [ERROR_TOO_LARGE.format(size=len(filing), limit=100)]
    with pikepdf.open(io.BytesIO(filing)) as document:
        action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        document.Root.Names = pikepdf.Dictionary(
            JavaScript=pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), action]))
        )
        document.Root.OpenAction = action
        out = io.BytesIO()
        document.save(out)
    problems = preflight(out.getvalue(), max_bytes=LIMIT)
    assert ERROR_JAVASCRIPT in problems and any("opened" in p for p in problems)
    with pikepdf.open(io.BytesIO(filing)) as document:
        out = io.BytesIO()
        document.save(out, encryption=pikepdf.Encryption(owner="o", user="", R=6))
    assert ERROR_ENCRYPTED in preflight(out.getvalue(), max_bytes=LIMIT)


# Through the service and the review page -----------------------------------------------------------


@pytest.fixture
def ready_order(demo):
    from django.contrib.auth import get_user_model

    from orders import services
    from orders.demo import DEMO_JUDGE_USERNAME
    from orders.models import Order

    order = Order.objects.get(case=demo["Crawford v. Beard"])
    judge = get_user_model().objects.get(username=DEMO_JUDGE_USERNAME)
    services.order_send_for_signature(order=order, user=judge)
    return Order.objects.get(pk=order.pk), judge


@pytest.mark.django_db
def test_the_judge_signs_in_a_reader_and_uploads_the_file_which_is_frozen_with_its_signer(
    client, ready_order, judge_key, court_ca
):
    import hashlib

    from django.urls import reverse

    from orders.models import AuditEvent, Order

    order, judge = ready_order
    client.force_login(judge)
    response = client.get(reverse("orders:order_signing_copy", args=[order.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith('-to-sign.pdf"')
    copy = response.content
    assert ERROR_FORM_FIELDS in preflight(copy, max_bytes=LIMIT)  # the signing copy has the field
    signed = sign(copy, judge_key, chain=[court_ca[1]])
    upload = io.BytesIO(signed)
    upload.name = "signed.pdf"
    response = client.post(
        reverse("orders:order_sign_upload", args=[order.pk]), {"version": order.version, "signed_pdf": upload}
    )
    assert response.status_code == 302
    order = Order.objects.get(pk=order.pk)
    assert order.status == "signed"
    assert bytes(order.signed_pdf.pdf) == signed
    assert order.signed_pdf.sha256 == hashlib.sha256(signed).hexdigest()
    assert "Maria-Elena James" in order.signed_pdf.signer
    assert client.get(reverse("orders:order_pdf", args=[order.pk])).content == signed
    page = client.get(reverse("orders:order_review", args=[order.pk])).content.decode()
    assert order.signed_pdf.sha256 in page and "Maria-Elena James" in page
    assert "verified" in AuditEvent.objects.filter(action="signed", order_ref=order.pk).get().detail


@pytest.mark.django_db
def test_a_tampered_upload_is_refused_saying_which_check_failed_and_nothing_is_signed(
    client, ready_order, judge_key
):
    from django.urls import reverse

    from orders.models import AuditEvent, Order

    order, judge = ready_order
    client.force_login(judge)
    copy = client.get(reverse("orders:order_signing_copy", args=[order.pk])).content
    signed = bytearray(sign(copy, judge_key))
    at = signed.index(b"/Rect [ ", len(copy)) + 8
    signed[at] = ord("1") if signed[at] != ord("1") else ord("2")
    upload = io.BytesIO(bytes(signed))
    upload.name = "signed.pdf"
    response = client.post(
        reverse("orders:order_sign_upload", args=[order.pk]),
        {"version": order.version, "signed_pdf": upload},
        follow=True,
    )
    page = response.content.decode()
    assert "refused (intact)" in page and "changed after it was signed" in page
    order = Order.objects.get(pk=order.pk)
    assert order.status == "ready" and not hasattr(order, "signed_pdf")
    assert "intact" in AuditEvent.objects.filter(action="refused", order_ref=order.pk).last().detail


@pytest.mark.django_db
def test_signing_with_the_empty_field_is_refused_the_reader_signs_instead(ready_order):
    from django.core.exceptions import ValidationError

    from orders import services

    order, judge = ready_order
    with pytest.raises(ValidationError) as refused:
        services.order_sign(order=order, user=judge, signature="field")
    assert refused.value.messages == [services.ERROR_SIGN_IN_READER]


@pytest.mark.django_db
def test_a_clerk_gets_no_signing_copy(client, ready_order, demo):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from orders.demo import DEMO_USERNAME

    order, _judge = ready_order
    client.force_login(get_user_model().objects.get(username=DEMO_USERNAME))
    assert client.get(reverse("orders:order_signing_copy", args=[order.pk])).status_code == 403
