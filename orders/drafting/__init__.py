"""The drafting wizard: everything that knows django-formtools lives in this package.

- ``wizard.py``: the HTTP flow (``DraftWizard``: get, post, back, preview, done);
- ``answers.py``: the step forms bound to the stored answers, and what follows from them;
- ``forms.py``: the step forms (case, order type, docket entries, review) and their helpers;
- ``texts.py``: the wizard's messages and posted field names; ``values.py``: small helpers;
- ``listing.py``: the unfinished wizards shown on the drafts page.

Only formtools' documented hooks are used (``get_prefix``, ``get_form_list``, ``get_form``,
``get_form_kwargs``, ``get_form_initial``, ``get_form_step_data``, ``get_cleaned_data_for_step``,
``render_done``, ``render_goto_step``, ``done``) and the storage's public interface.
"""
