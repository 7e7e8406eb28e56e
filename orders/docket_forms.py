"""Forms of the docket import pages."""

from django import forms

from .dockets import MAX_DOCKET_BYTES, DocketError, check_size

JUDGE_TITLES = [
    "United States District Judge",
    "Senior United States District Judge",
    "Chief United States District Judge",
    "United States Magistrate Judge",
    "United States Chief Magistrate Judge",
]


class DocketUploadForm(forms.Form):
    file = forms.FileField(
        label="Docket report (HTML)",
        help_text=f"The CM/ECF Docket Report saved from the browser as HTML, at most "
        f"{MAX_DOCKET_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".html,.htm,text/html"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)  # before reading a byte of it
        except DocketError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


class ConfirmForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64, min_length=64)


class AddJudgeForm(forms.Form):
    slot = forms.ChoiceField(
        choices=[("assigned", "assigned"), ("referred", "referred")], widget=forms.HiddenInput
    )
    signature_title = forms.CharField(
        label="Title under the signature",
        max_length=200,
        help_text="As printed under the judge's name on orders.",
        widget=forms.TextInput(attrs={"list": "judge-titles"}),
    )
