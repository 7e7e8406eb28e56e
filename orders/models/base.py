from typing import cast

from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import CheckConstraint, Q

from ..compat.django import conditions_hold


class TimeStampedModel(models.Model):
    """Abstract base: when a row was created and last changed."""

    created_at = models.DateTimeField(
        auto_now_add=True, db_index=True, help_text="When this record was created."
    )
    updated_at = models.DateTimeField(auto_now=True, help_text="When this record last changed.")

    class Meta:
        abstract = True


class OneQueryCheckConstraintsMixin:
    """``validate_constraints()`` (part of ``full_clean()``) as Django does it, except that the
    model's check constraints are evaluated together in one ``SELECT`` instead of one query
    (and one savepoint) each. Same errors, in the same order; whenever the single query cannot
    be built or run, Django's own constraint-by-constraint validation runs instead."""

    def validate_constraints(self, exclude=None):
        constraints = self.get_constraints()
        checks = [c for _, group in constraints for c in group if type(c) is CheckConstraint]
        using = router.db_for_write(self.__class__, instance=self)
        passed = self._check_constraints_passed(checks, exclude, using) if len(checks) > 1 else None
        if passed is None:
            return super().validate_constraints(exclude=exclude)
        errors = {}
        for model_class, model_constraints in constraints:
            for constraint in model_constraints:
                try:
                    if type(constraint) is CheckConstraint:
                        if not passed[constraint.name]:
                            raise ValidationError(
                                constraint.get_violation_error_message(), code=constraint.violation_error_code
                            )
                    else:
                        constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as e:
                    if getattr(e, "code", None) == "unique" and len(constraint.fields) == 1:
                        errors.setdefault(constraint.fields[0], []).append(e)
                    else:
                        errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _check_constraints_passed(self, checks, exclude, using) -> dict[str, bool] | None:
        """{constraint name: passes} for ``checks``, from one query (what ``Q.check`` asks each)."""
        instance = cast(models.Model, self)  # the mixin is only ever mixed into a model
        passed = conditions_hold(instance, [Q(c.condition) for c in checks], exclude=exclude, using=using)
        return None if passed is None else {c.name: ok for c, ok in zip(checks, passed, strict=True)}
