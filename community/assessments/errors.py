"""The assessments' refusal: its message is safe to show to the member."""

from community.errors import ServiceError


class AssessmentError(ServiceError):
    pass
