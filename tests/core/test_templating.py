"""Template helpers: the remembered `url_for` builds exactly what Flask's would."""

import pytest
from flask import render_template_string, url_for

CASES = [
    ("static", {"filename": "css/app.css"}),
    ("forums.topic", {"topic_id": 7}),
    ("forums.topic", {"topic_id": 7, "page": 2}),
    ("forums.topic", {"page": 3, "topic_id": 7}),
    ("accounts.login", {"next": "/a b?c=d&e"}),
    ("accounts.login", {"next": ["/x", "/y"]}),  # unhashable: built every time
    ("forums.topic", {"topic_id": 7, "_anchor": "post-3"}),
]


@pytest.mark.parametrize("script_root", ["", "/portal"])
@pytest.mark.parametrize("endpoint, values", CASES)
def test_template_url_for_matches_flask(app, script_root, endpoint, values):
    source = "{{ url_for(endpoint, **values) }}"
    with app.test_request_context("/", base_url=f"http://localhost{script_root}/"):
        expected = url_for(endpoint, **values)
        assert render_template_string(source, endpoint=endpoint, values=values) == str(
            render_template_string("{{ expected }}", expected=expected)
        )
        assert expected.startswith(script_root + "/")


def test_the_same_link_under_two_script_roots_is_not_mixed_up(app):
    source = "{{ url_for('forums.index') }}"
    links = []
    for script_root in ("", "/one", "/two", ""):
        with app.test_request_context("/", base_url=f"http://localhost{script_root}/"):
            links.append(render_template_string(source))
    assert links == ["/forums/", "/one/forums/", "/two/forums/", "/forums/"]


def test_values_equal_in_python_but_of_other_types_stay_apart(app):
    with app.test_request_context("/"):
        as_int = render_template_string("{{ url_for('home.index', x=1) }}")
        as_bool = render_template_string("{{ url_for('home.index', x=True) }}")
    assert (as_int, as_bool) == ("/?x=1", "/?x=True")


def test_past_the_bound_old_links_are_forgotten_and_new_ones_still_right(app, monkeypatch):
    from mediator_portal import templating

    monkeypatch.setattr(templating, "MAX_URLS", 4)
    monkeypatch.setattr(templating, "_urls", {})
    source = "{% for n in range(10) %}{{ url_for('forums.topic', topic_id=n) }} {% endfor %}"
    with app.test_request_context("/"):
        links = render_template_string(source).split()
    assert links == [f"/forums/t/{n}" for n in range(10)]
    assert len(templating._urls) <= 4
