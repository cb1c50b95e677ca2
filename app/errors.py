"""Domain errors raised by services. Views and error handlers turn them into pages."""


class DomainError(Exception):
    pass


class NotFound(DomainError):
    """Missing, or in another workspace, or not visible to this member: always a 404."""


class Forbidden(DomainError):
    """Visible, but this member's role may not do it: a 403."""


class Conflict(DomainError):
    pass


class Invalid(DomainError):
    """Bad input: `errors` maps a form field to the message shown beside it."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
