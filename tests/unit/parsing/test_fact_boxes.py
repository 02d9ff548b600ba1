from worker.parsing.fact_boxes import fact_label, heads_box


def test_fact_labels() -> None:
    assert fact_label("时间:清晨6时")
    assert fact_label("地点：白沙渡")
    assert not fact_label("站长:今天我守渡口")


def test_colon_head_over_box() -> None:
    assert heads_box("站长:今天我守渡口", ["时间:清晨6时", "地点:白沙渡"])


def test_field_is_no_head() -> None:
    assert not heads_box("时间:清晨6时", ["地点:白沙渡"])
    assert not heads_box("站长:今天我守渡口", [])
    # one line under it that is no fact: a box of its own kind, not this form
    assert not heads_box("站长:今天我守渡口", ["地点:白沙渡", "心得:多看一遍"])
