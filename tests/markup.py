"""A page read as a browser reads it: parsed HTML (html5lib), its elements found by tag, id, class,
name or link, and their text with the spacing collapsed. A test asserts what a visitor would
notice (a heading, a link to a reversed URL, a field re-shown with what was typed), not how the
markup happens to be spelled."""

import re

import html5lib


def parse(page):
    """The document of a response or an HTML string, as an ElementTree without namespaces."""
    if not isinstance(page, str):
        page = b"".join(page.streaming_content).decode() if page.streaming else page.content.decode()
    return html5lib.parse(page, namespaceHTMLElements=False)


def text_of(element):
    """The text of `element`, its HTML white space collapsed (a no-break space kept: it is text)."""
    return re.sub(r"[ \t\n\r\f]+", " ", "".join(element.itertext())).strip()


def classes(element):
    return (element.get("class") or "").split()


def with_class(root, name, tag="*"):
    """The elements of `tag` (any by default) that have the class `name` among theirs."""
    return [element for element in root.iter(tag) if name in classes(element)]


def by_id(root, element_id):
    return root.find(f".//*[@id='{element_id}']")


def main(root):
    return root.find(".//main")


def hrefs(root):
    """The addresses the links under `root` point to."""
    return [a.get("href") for a in root.iter("a") if a.get("href") is not None]


def link_texts(root):
    """{text of each link under `root`: its address}."""
    return {text_of(a): a.get("href") for a in root.iter("a")}


def headings(root, *tags):
    """The texts of the headings under `root` (h1 to h3 unless tags are named), in document order."""
    tags = tags or ("h1", "h2", "h3")
    return [text_of(element) for element in root.iter() if element.tag in tags]


def fields(root, name):
    """The form controls (input, select, textarea) named `name`."""
    return [element for element in root.iter() if element.tag in ("input", "select", "textarea") and element.get("name") == name]


def field(root, name):
    """The one form control named `name`."""
    (found,) = fields(root, name)
    return found


def meta(root, **attribute):
    """The content of the <meta> whose name or property is given, e.g. meta(doc, property="og:title")."""
    ((key, value),) = attribute.items()
    (found,) = [element for element in root.iter("meta") if element.get(key) == value]
    return found.get("content")


def parent_of(root, element):
    return next(parent for parent in root.iter() if any(child is element for child in parent))


def beside(root, element, class_name):
    """The texts of the elements of class `class_name` next to `element` (its siblings), such as
    the date in words after a date input or the currency before an amount."""
    return [text_of(sibling) for sibling in parent_of(root, element) if class_name in classes(sibling)]


def changelist_rows(page):
    """The rows of an admin list, each as {column: text of its cell} (the admin names a cell's
    class after its column: "field-title")."""
    rows = parse(page).findall(".//table[@id='result_list']/tbody/tr")
    return [
        {name.removeprefix("field-"): text_of(cell) for cell in row for name in classes(cell) if name.startswith("field-")}
        for row in rows
    ]


def sections(root):
    """{id of its heading: the section} of the sections under `root` labelled by a heading
    (aria-labelledby), such as the home page's "upcoming-events"."""
    return {section.get("aria-labelledby"): section for section in root.iter("section") if section.get("aria-labelledby")}


def canonical(root):
    """The page's canonical address."""
    (link,) = [link for link in root.iter("link") if link.get("rel") == "canonical"]
    return link.get("href")
