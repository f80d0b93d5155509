from portal.text.plain import render_text


def test_blank_lines_separate_paragraphs_and_lines_break():
    html = render_text("First line\nsecond line\n\nNext paragraph")

    assert html == "<p>First line<br>second line</p><p>Next paragraph</p>"


def test_dash_lines_make_a_bulleted_list():
    assert render_text("- one\n- two") == "<ul><li>one</li><li>two</li></ul>"


def test_numbered_and_circled_lines_make_a_numbered_list():
    assert render_text("1. heat\n2. flood") == "<ol><li>heat</li><li>flood</li></ol>"
    assert render_text("① ID card\n② Certificate") == (
        "<ol><li>ID card</li><li>Certificate</li></ol>"
    )


def test_heading_lines_become_subheadings():
    assert render_text("## Exceptions\n\nText") == "<h2>Exceptions</h2><p>Text</p>"


def test_paragraph_followed_by_list_in_one_block():
    html = render_text("Measures:\n- heat\n- flood")

    assert html == "<p>Measures:</p><ul><li>heat</li><li>flood</li></ul>"


def test_markup_is_escaped():
    html = render_text('<script>alert(1)</script>\n- <img src=x onerror="x">')

    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_empty_text_renders_nothing():
    assert render_text("") == ""
    assert render_text(None) == ""
