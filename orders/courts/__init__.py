"""The court table and each court's data: its printed heading and paper (``profiles``), its
local rules (``rules``), and the statutes behind CM/ECF cause codes (``cause_codes``).

The 94 district courts (territorial courts included) come from the Free Law Project's
``courts-db`` package (``table``), under the ids CM/ECF and juriscraper use (“cand”, “nysd”);
``manage.py load_courts`` (run by migration ``0011``) writes them with the paper facts and local
rules of ``data/profiles.json`` and ``data/local_rules.json``. Everything is editable in the admin.
"""
