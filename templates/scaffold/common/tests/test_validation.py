import pytest

from app.validation import ValidationError, parse_body, validate_instances


def test_accepts_rows_and_records():
    assert parse_body(b'{"instances": [[1, 2.5], [3, 4]]}')["instances"] == [[1, 2.5], [3, 4]]
    assert validate_instances([{"a": 1, "b": 2}, {"b": 3, "a": 4}]) == [{"a": 1, "b": 2}, {"b": 3, "a": 4}]


@pytest.mark.parametrize(
    "body, field, words",
    [
        (b"", "body", "empty"),
        (b"not json", "body", "not valid JSON"),
        (b"[1, 2]", "body", "JSON object"),
        (b'{"rows": []}', "instances", 'missing "instances"'),
        (b'{"instances": []}', "instances", "empty"),
        (b'{"instances": {"a": 1}}', "instances", "list of rows"),
        (b'{"instances": [[1, 2], [3]]}', "instances[1]", "has 1 values"),
        (b'{"instances": [[1, 2], {"a": 1}]}', "instances[1]", "all be lists"),
        (b'{"instances": [[1, null]]}', "instances[0][1]", "expected a number"),
        (b'{"instances": [[1, true]]}', "instances[0][1]", "expected a number"),
        (b'{"instances": [[NaN]]}', "body", "NaN"),
        (b'{"instances": [{"a": 1}, {"b": 1}]}', "instances[1]", "keys differ"),
        (b'{"instances": [[]]}', "instances[0]", "empty"),
        (b"\xff\xfe", "body", "UTF-8"),
    ],
)
def test_refuses_bad_input_with_a_clear_message(body, field, words):
    with pytest.raises(ValidationError) as caught:
        parse_body(body)
    assert caught.value.field == field
    assert words in caught.value.message


def test_limits_size_and_count():
    with pytest.raises(ValidationError, match="limit is 10"):
        parse_body(b'{"instances": [[1, 2, 3, 4, 5]]}', max_bytes=10)
    with pytest.raises(ValidationError, match="at most 2"):
        validate_instances([[1], [2], [3]], max_instances=2)


def test_text_rows_only_for_text_models():
    assert validate_instances(["a review"], allow_text=True) == ["a review"]
    with pytest.raises(ValidationError):
        validate_instances(["a review"], allow_text=False)


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested_bodies_are_a_400_not_a_recursion_error(depth):
    body = b'{"instances": [' + b"[" * depth + b"1" + b"]" * depth + b"]}"
    with pytest.raises(ValidationError) as refused:
        parse_body(body)
    assert refused.value.field.startswith("instances") or refused.value.field == "body"
    assert "nested" in refused.value.message
