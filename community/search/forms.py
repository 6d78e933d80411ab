"""The search page's filters: the forum list's own, so a filter added there applies here too."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from community.forum import queries as forum_queries
from community.forum.forms import FilterForm


class InitiativeFilterForm(FilterForm):
    """The list's filters plus its category and tag (paths on the list); hits stay ranked by relevance."""

    category = SelectField(_l("Category"))
    tag = StringField(_l("Tag"), validators=[Optional(), Length(max=40)])
    sort = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = [SelectChoice("", _l("Any"))] + [
            SelectChoice(category.slug, category.name) for category in forum_queries.categories()
        ]
