from worker.parsing.photo_heads import split_photo_head, split_photo_heads
from worker.parsing.units import Unit


def test_head_and_caption_before_the_credit() -> None:
    assert split_photo_head("龙舟夺冠 青河队员凯旋 本报记者 祁远舟 摄") == (
        "龙舟夺冠",
        "青河队员凯旋 本报记者 祁远舟 摄",
    )


def test_two_phrase_head() -> None:
    assert split_photo_head("渡口迎新船 百年老渡换新颜 新船昨日下水 记者 祁远舟 摄") == (
        "渡口迎新船 百年老渡换新颜",
        "新船昨日下水 记者 祁远舟 摄",
    )


def test_not_this_form() -> None:
    for text in (
        "青河大桥合龙 记者 祁远舟 摄",  # one phrase: a caption
        "5月2日 青河大桥合龙 记者 祁远舟 摄",  # a date, not a head
        "大桥合龙，车流如织 记者 祁远舟 摄",  # a clause with a comma
        "龙舟夺冠 青河队员凯旋 本报记者 祁远舟",  # no photo credit
    ):
        assert split_photo_head(text) == (text,)


def test_caption_under_a_head_line_stays() -> None:
    units = [Unit.read(1, "春到白沙"), Unit.read(3, "桃花盛开 游人如织 本报记者 祁远舟 摄")]
    assert [u.text for u in split_photo_heads(units)] == [u.text for u in units]
