"""Account forms: the shape of the input. Rules that need the database live in services."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, ValidationError

from community.auth.identity import normalize_email, normalize_username, username_problem
from community.auth.passwords import MAX_LENGTH, password_problem
from community.forms import SiteForm


def _email_address(_form, field) -> None:
    try:
        field.data = normalize_email(field.data)
    except ValueError as error:
        raise ValidationError(_l("Enter a valid e-mail address, like name@agency.gov.")) from error


def _username(_form, field) -> None:
    field.data = normalize_username(field.data)
    problem = username_problem(field.data)
    if problem:
        raise ValidationError(problem)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


EMAIL = [DataRequired(), Length(max=254), _email_address]


class RegisterForm(SiteForm):
    email = EmailField(_l("E-mail address"), validators=EMAIL, filters=[_strip])
    username = StringField(
        _l("Username"),
        validators=[DataRequired(), Length(max=60), _username],
        description=_l("3 to 30 letters, digits, hyphens or underscores. Shown on your posts."),
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(), Length(max=MAX_LENGTH)],
        description=_l("At least 10 characters. A few words you remember make a good one."),
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[InputRequired(), EqualTo("password", _l("The two passwords differ."))],
    )

    def validate_password(self, field) -> None:
        problem = password_problem(field.data or "", self.username.data or "", self.email.data or "")
        if problem:
            raise ValidationError(problem)


class LoginForm(SiteForm):
    identifier = StringField(
        _l("E-mail address or username"), validators=[DataRequired(), Length(max=254)], filters=[_strip]
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=MAX_LENGTH)])
    remember = BooleanField(_l("Keep me signed in on this device"))


class ResetRequestForm(SiteForm):
    email = EmailField(_l("E-mail address"), validators=EMAIL, filters=[_strip])


class NewPasswordForm(SiteForm):
    password = PasswordField(
        _l("New password"),
        validators=[InputRequired(), Length(max=MAX_LENGTH)],
        description=_l("At least 10 characters."),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[InputRequired(), EqualTo("password", _l("The two passwords differ."))],
    )


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(
        _l("Current password"), validators=[InputRequired(), Length(max=MAX_LENGTH)]
    )


class ChangeEmailForm(SiteForm):
    email = EmailField(_l("New e-mail address"), validators=EMAIL, filters=[_strip])
    password = PasswordField(_l("Your password"), validators=[InputRequired(), Length(max=MAX_LENGTH)])


class DeleteAccountForm(SiteForm):
    password = PasswordField(_l("Your password"), validators=[InputRequired(), Length(max=MAX_LENGTH)])
    understood = BooleanField(
        _l("I understand that my account and profile are erased for good."),
        validators=[DataRequired(_l("Tick this box to confirm."))],
    )
