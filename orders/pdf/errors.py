"""Why an order cannot be printed: each refusal says what to change, and is shown to the user."""


class RenderRefused(ValueError):
    """The order cannot be printed as it is (a character no font has, text outside the column,
    a title too long for the footer, a footnote without its text). The message says what to fix."""
