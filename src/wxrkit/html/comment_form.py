"""A page's comment form as a :class:`CommentForm`: heading, action, fields, log-in services."""

from __future__ import annotations

from copy import deepcopy

from lxml import html as lxml_html

from wxrkit.html.selectors import (
    CANCEL_REPLY_TEXTS,
    COMMENT_FORM,
    COMMENT_FORM_CONTAINER,
    COMMENT_FORM_TITLE,
    LOGIN_PROVIDER_CLASSES,
    LOGIN_PROVIDER_TITLES,
)
from wxrkit.html.text import fold
from wxrkit.html.tree import Document, classes, drop
from wxrkit.models import CommentForm, FormField

__all__ = ["find_comment_form"]

_SKIPPED_TYPES = frozenset({"hidden", "submit", "button", "image", "reset"})


def _title(doc: Document, container: lxml_html.HtmlElement) -> str:
    heading = doc.first(container, COMMENT_FORM_TITLE)
    if heading is None:
        return ""
    copy = deepcopy(heading)  # the page stays as it is; the copy loses its "Cancel" link
    for small in copy.iter("small"):
        drop(small)
    title = fold(copy.text_content())
    for cancel in CANCEL_REPLY_TEXTS:
        title = title.removesuffix(cancel).strip()
    return title


def _label_for(form: lxml_html.HtmlElement, control: lxml_html.HtmlElement) -> str:
    control_id = control.get("id")
    if control_id:
        for label in form.iter("label"):
            if label.get("for") == control_id:
                return fold(label.text_content())
    parent = control.getparent()
    while parent is not None and parent is not form:
        if parent.tag == "label":
            return fold(parent.text_content())
        parent = parent.getparent()
    return fold(control.get("placeholder") or "")


def _fields(form: lxml_html.HtmlElement) -> tuple[FormField, ...]:
    fields = []
    seen: set[str] = set()
    for control in form.iter("input", "textarea", "select"):
        kind = "textarea" if control.tag == "textarea" else (control.get("type") or "text").lower()
        if control.tag == "select":
            kind = "select"
        name = control.get("name") or control.get("id") or ""
        if kind in _SKIPPED_TYPES or not name or name in seen:
            continue
        seen.add(name)
        label = _label_for(form, control)
        required = (
            control.get("required") is not None
            or control.get("aria-required") == "true"
            or "*" in label
            or "required" in label.lower()
        )
        fields.append(FormField(name=name, label=label, type=kind, required=required))
    return tuple(fields)


def _providers(container: lxml_html.HtmlElement) -> tuple[str, ...]:
    found: list[str] = []
    for element in container.iter():
        if not isinstance(element.tag, str):
            continue
        for name in classes(element):
            provider = LOGIN_PROVIDER_CLASSES.get(name)
            if provider and provider not in found:
                found.append(provider)
        title = element.get("title")
        if title in LOGIN_PROVIDER_TITLES and LOGIN_PROVIDER_TITLES[title] not in found:
            found.append(LOGIN_PROVIDER_TITLES[title])
    return tuple(found)


def find_comment_form(doc: Document) -> CommentForm | None:
    """The page's comment form, or None if it has none."""
    container = doc.first(doc.root, COMMENT_FORM_CONTAINER)
    form = doc.first(container if container is not None else doc.root, COMMENT_FORM)
    if container is None and form is None:
        return None
    scope = container if container is not None else form
    assert scope is not None
    return CommentForm(
        title=_title(doc, scope),
        action=form.get("action") if form is not None else None,
        fields=_fields(form) if form is not None else (),
        login_providers=_providers(scope),
        requires_login=bool(doc.select(scope, (".must-log-in",))),
    )
