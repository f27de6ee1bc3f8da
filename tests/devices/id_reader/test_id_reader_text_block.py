"""Text blocks of every card type, codes, the IdCard JSON shape, masking and the photo plug-in."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.errors import DeviceError, DeviceProtocolError, DeviceUnavailableFeature
from devices.id_reader import CardType, IdCard, decode_photo, mask_number
from devices.id_reader.card_file import SimCard
from devices.id_reader.codes import NATION_NAMES, SEX_NAMES, nation_code
from devices.id_reader.text_block import decode_text_block, encode_text_block
from tests.devices.id_reader.id_reader_support import ucs2_block

BASE_KEYS = [
    "card_type",
    "name",
    "sex",
    "nation",
    "birth_date",
    "address",
    "id_number",
    "issuing_authority",
    "valid_from",
    "valid_to",
]


def resident_block(valid_to: str = "20360520", sex: str = "2", nation: str = "01") -> bytes:
    # Byte offsets of research/devices.md §1.6, written out independently of the encoder.
    return ucs2_block(
        [
            (0, 30, "张三丰"),
            (30, 2, sex),
            (32, 4, nation),
            (36, 16, "19491231"),
            (52, 70, "北京市东城区示例胡同1号"),
            (122, 36, "11010519491231002x"),
            (158, 30, "北京市公安局东城分局"),
            (188, 16, "20160520"),
            (204, 16, valid_to),
        ]
    )


def test_resident_card_fields() -> None:
    card = decode_text_block(resident_block(), b"P" * 1024, b"F" * 512)
    assert card.card_type is CardType.RESIDENT
    assert (card.name, card.sex, card.nation) == ("张三丰", "女", "汉")
    assert card.birth_date == date(1949, 12, 31)
    assert card.address == "北京市东城区示例胡同1号"
    assert card.id_number == "11010519491231002X"  # upper-cased (§1.13)
    assert card.issuing_authority == "北京市公安局东城分局"
    assert (card.valid_from, card.valid_to) == (date(2016, 5, 20), date(2036, 5, 20))
    assert card.valid_to_text == "2036-05-20"
    assert card.photo_wlt == b"P" * 1024 and card.fingerprint == b"F" * 512
    assert card.raw_text == resident_block()


def test_long_term_validity_is_none_and_reads_as_changqi() -> None:
    card = decode_text_block(resident_block(valid_to="长期"))
    assert card.valid_to is None and card.valid_to_text == "长期"
    assert card.to_json()["valid_to"] == "长期"


def test_hk_macao_taiwan_residence_permit() -> None:
    block = ucs2_block(
        [
            (0, 30, "黄嘉欣"),
            (30, 2, "2"),
            (36, 16, "19951123"),
            (52, 70, "广东省深圳市福田区示例路1号"),
            (122, 36, "810000199511234522"),
            (158, 30, "深圳市公安局福田分局"),
            (188, 16, "20230410"),
            (204, 16, "20280410"),
            (220, 18, "H60123457"),
            (238, 4, "01"),
            (248, 2, "J"),
        ]
    )
    card = decode_text_block(block)
    assert card.card_type is CardType.HK_MO_TW_PERMIT
    assert (card.name, card.sex, card.nation, card.id_number) == ("黄嘉欣", "女", "", "810000199511234522")
    assert (card.pass_number, card.issue_count) == ("H60123457", "01")
    assert card.to_json() == {
        "card_type": "hk_mo_tw_permit",
        "name": "黄嘉欣",
        "sex": "女",
        "nation": "",
        "birth_date": "1995-11-23",
        "address": "广东省深圳市福田区示例路1号",
        "id_number": "810000********4522",
        "issuing_authority": "深圳市公安局福田分局",
        "valid_from": "2023-04-10",
        "valid_to": "2028-04-10",
        "pass_number": "H6*****57",
        "issue_count": "01",
    }


def test_foreign_permanent_residence_card_2017() -> None:
    block = ucs2_block(
        [
            (0, 120, "GARCIA LOPEZ, MARIA"),
            (120, 2, "2"),
            (122, 30, "ESP310090082114"),
            (152, 6, "ESP"),
            (158, 30, "玛丽亚"),
            (188, 16, "20180315"),
            (204, 16, "20280315"),
            (220, 16, "19900821"),
            (236, 4, "02"),
            (240, 8, "3100"),
            (248, 2, "I"),
        ]
    )
    card = decode_text_block(block)
    assert card.card_type is CardType.FOREIGN_PERMANENT_2017
    assert (card.english_name, card.name, card.sex, card.nation) == (
        "GARCIA LOPEZ, MARIA",
        "玛丽亚",
        "女",
        "",
    )
    assert (card.id_number, card.nationality, card.card_version, card.authority_code) == (
        "ESP310090082114",
        "ESP",
        "02",
        "3100",
    )
    assert card.birth_date == date(1990, 8, 21) and card.valid_from == date(2018, 3, 15)
    assert list(card.to_json()) == [
        *BASE_KEYS,
        "english_name",
        "nationality",
        "card_version",
        "authority_code",
    ]
    assert card.to_json()["id_number"] == "ESP310*****2114"


def test_foreign_permanent_residence_card_2023_joins_the_split_english_name() -> None:
    english = "MONTGOMERY-WHITFIELD, ALEXANDER JON PAUL"  # character 36 is a space
    assert english[35] == " "
    block = ucs2_block(
        [
            (0, 30, "蒙哥马利"),
            (30, 2, "1"),
            (32, 4, "00"),
            (36, 16, "19850412"),
            (52, 70, english[:35]),
            (122, 36, "911826198504120014"),
            (188, 16, "20231201"),
            (204, 16, "20331201"),
            (220, 22, english[35:]),
            (242, 6, "GBR"),
            (248, 2, "Y"),
        ]
    )
    card = decode_text_block(block)
    assert card.card_type is CardType.FOREIGN_PERMANENT_2023
    assert card.english_name == english
    assert (card.name, card.sex, card.issue_count, card.nationality) == ("蒙哥马利", "男", "00", "GBR")
    assert (card.address, card.issuing_authority, card.nation) == ("", "", "")
    assert list(card.to_json()) == [
        *BASE_KEYS,
        "english_name",
        "nationality",
        "issue_count",
        "previous_number_link",
    ]


def test_every_demo_card_round_trips_through_its_text_block(demo_cards: list[SimCard]) -> None:
    assert {c.card.card_type for c in demo_cards} == set(CardType)
    for sim_card in demo_cards:
        card = sim_card.card
        assert decode_text_block(encode_text_block(card), card.photo_wlt, card.fingerprint) == card


@pytest.mark.parametrize(("code", "name"), [("0", "未知"), ("1", "男"), ("2", "女"), ("9", "未说明")])
def test_sex_codes(code: str, name: str) -> None:
    assert decode_text_block(resident_block(sex=code)).sex == name


def test_a_sex_code_outside_gb_t_2261_1_is_refused() -> None:
    # Issue #10 bug 9: line noise past the checksum; the reader reads again instead of showing 未知.
    with pytest.raises(DeviceProtocolError, match="性别") as caught:
        decode_text_block(resident_block(sex="7"))
    assert "GB/T 2261.1" in caught.value.detail


def test_a_resident_nation_code_outside_gb_t_3304_is_refused() -> None:
    with pytest.raises(DeviceProtocolError, match="民族") as caught:
        decode_text_block(resident_block(nation="5X"))
    assert "GB/T 3304" in caught.value.detail


def _resident(**fields: str) -> bytes:
    """The resident block of §1.6 with some fields replaced (by layout name)."""
    rows = {
        "name": (0, 30, "张三丰"),
        "sex": (30, 2, "2"),
        "nation": (32, 4, "01"),
        "birth_date": (36, 16, "19491231"),
        "address": (52, 70, "北京市东城区示例胡同1号"),
        "id_number": (122, 36, "11010519491231002X"),
        "issuing_authority": (158, 30, "北京市公安局东城分局"),
        "valid_from": (188, 16, "20160520"),
        "valid_to": (204, 16, "20360520"),
    }
    for name, text in fields.items():
        offset, size, _ = rows[name]
        rows[name] = (offset, size, text)
    return ucs2_block(list(rows.values()))


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("id_number", "320Q15199003070043", "证件号码"),  # the number of the issue
        ("id_number", "1101051949123100", "证件号码"),  # too short
        ("id_number", "11010519491231002Y", "证件号码"),
        ("name", "张三丰9", "姓名"),
        ("name", "张 三丰", "姓名"),
        ("name", "张三가", "姓名"),  # a CJK character's high byte flipped into Hangul
        ("name", "", "姓名"),
        ("address", "北京市东城区示例胡同1号\x07", "住址"),
        ("address", "北京市东城区가胡同", "住址"),
        ("address", "北京市\ufffd城区", "住址"),  # a lone surrogate decodes to U+FFFD
        ("issuing_authority", "北京市公安局Ж分局", "签发机关"),
        ("valid_from", "19491230", "有效期起始日期"),  # issued before the holder was born
        ("valid_to", "20160520", "有效期截止日期"),  # ends when it begins
    ],
)
def test_a_field_outside_its_format_is_refused(field: str, value: str, label: str) -> None:
    with pytest.raises(DeviceProtocolError, match=label) as caught:
        decode_text_block(_resident(**{field: value}))
    assert caught.value.detail.isascii()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "阿依古丽·买买提"),  # the interpunct of minority names
        ("name", "\ue000三丰"),  # a rare character in the private use area
        ("name", "王〇"),
        ("address", "上海市浦东新区示例路100弄（Ⅲ期）12号-3#"),
        ("address", "内蒙古自治区呼和浩特市新城区ＡＢ街５号"),
        ("valid_from", "19491231"),  # a card issued on the day of birth
    ],
)
def test_real_fields_pass_the_format_checks(field: str, value: str) -> None:
    assert getattr(decode_text_block(_resident(**{field: value})), field) in (value, date(1949, 12, 31))


def _foreign_2017(**fields: str) -> bytes:
    rows = {
        "english_name": (0, 120, "GARCIA LOPEZ, MARIA"),
        "sex": (120, 2, "2"),
        "id_number": (122, 30, "ESP310090082114"),
        "nationality": (152, 6, "ESP"),
        "name": (158, 30, ""),
        "valid_from": (188, 16, "20180315"),
        "valid_to": (204, 16, "20280315"),
        "birth_date": (220, 16, "19900821"),
        "card_version": (236, 4, "02"),
        "authority_code": (240, 8, "3100"),
        "flag": (248, 2, "I"),
    }
    for name, text in fields.items():
        offset, size, _ = rows[name]
        rows[name] = (offset, size, text)
    return ucs2_block(list(rows.values()))


def test_a_foreigner_card_may_lack_a_chinese_name_but_not_its_formats() -> None:
    assert decode_text_block(_foreign_2017()).display_name == "GARCIA LOPEZ, MARIA"
    for field, value, label in [
        ("english_name", "", "英文姓名"),
        ("english_name", "GARCIA L0PEZ", "英文姓名"),
        ("id_number", "ES3310090082114", "证件号码"),
        ("nationality", "E5P", "国籍代码"),
        ("authority_code", "31O0", "受理机关代码"),
    ]:
        with pytest.raises(DeviceProtocolError, match=label):
            decode_text_block(_foreign_2017(**{field: value}))


@pytest.mark.parametrize(("value", "ok"), [("H60123457", True), ("12345678", True), ("H6012345?", False)])
def test_the_pass_number_of_a_permit_is_letters_and_digits(value: str, ok: bool) -> None:
    block = ucs2_block(
        [
            (0, 30, "黄嘉欣"),
            (30, 2, "2"),
            (36, 16, "19951123"),
            (122, 36, "810000199511234522"),
            (188, 16, "20230410"),
            (204, 16, "20280410"),
            (220, 18, value),
            (238, 4, "01"),
            (248, 2, "J"),
        ]
    )
    if ok:
        assert decode_text_block(block).pass_number == value
    else:
        with pytest.raises(DeviceProtocolError, match="通行证号码"):
            decode_text_block(block)


@settings(max_examples=400, deadline=None)
@given(
    st.integers(0, 255), st.integers(0, 255), st.integers(1, 255), st.sampled_from(["0", "1", "2", "3", "4"])
)
def test_noise_the_checksum_misses_never_yields_a_number_of_the_wrong_shape(
    demo_cards: list[SimCard], first: int, second: int, mask: int, which: str
) -> None:
    # The same bits flipped in two bytes keep the frame's XOR (§1.2): what decodes must still be
    # a number of its card type's shape, with real dates and known codes.
    card = demo_cards[int(which)].card
    block = bytearray(encode_text_block(card))
    block[first] ^= mask
    block[second] ^= mask
    try:
        decoded = decode_text_block(bytes(block))
    except DeviceProtocolError:
        return
    shape = (
        r"[A-Z]{3}[0-9]{12}" if decoded.card_type is CardType.FOREIGN_PERMANENT_2017 else r"[0-9]{17}[0-9X]"
    )
    assert re.fullmatch(shape, decoded.id_number)
    assert decoded.sex in SEX_NAMES.values() and decoded.valid_from >= decoded.birth_date
    assert decoded.card_type is not CardType.RESIDENT or decoded.nation in NATION_NAMES.values()


def test_nation_table_is_complete() -> None:
    assert [f"{n:02d}" for n in range(1, 57)] + ["97", "98"] == list(NATION_NAMES)
    assert len(set(NATION_NAMES.values())) == 58
    assert (NATION_NAMES["01"], NATION_NAMES["56"], NATION_NAMES["97"]) == ("汉", "基诺", "其他")
    assert NATION_NAMES["98"] == "外国血统中国籍人士"
    assert nation_code("汉族") == nation_code("汉") == "01"
    assert SEX_NAMES == {"0": "未知", "1": "男", "2": "女", "9": "未说明"}


@pytest.mark.parametrize(
    ("code", "name"), [("11", "满"), ("44", "俄罗斯"), ("97", "其他"), ("98", "外国血统中国籍人士")]
)
def test_nation_codes_decode_to_names(code: str, name: str) -> None:
    assert decode_text_block(resident_block(nation=code)).nation == name


@pytest.mark.parametrize("valid_to", ["20361340", "2036052", "长期有效", "        "])
def test_bad_dates_are_protocol_errors(valid_to: str) -> None:
    with pytest.raises(DeviceProtocolError, match="有效期截止日期"):
        decode_text_block(resident_block(valid_to=valid_to))


def test_wrong_block_size_is_a_protocol_error() -> None:
    with pytest.raises(DeviceProtocolError):
        decode_text_block(resident_block()[:200])


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=256, max_size=256))
def test_any_256_bytes_decode_or_raise_a_protocol_error(block: bytes) -> None:
    try:
        card = decode_text_block(block)
    except DeviceProtocolError:
        return
    assert isinstance(card, IdCard)


def test_json_has_exactly_the_agreed_keys_and_masks_the_number() -> None:
    card = decode_text_block(resident_block())
    masked = card.to_json()
    assert list(masked) == BASE_KEYS
    assert masked["id_number"] == "110105********002X"
    assert card.to_json(reveal=True)["id_number"] == "11010519491231002X"
    assert masked["birth_date"] == "1949-12-31" and masked["card_type"] == "resident"


def test_repr_never_shows_the_number_or_name() -> None:
    card = decode_text_block(resident_block())
    assert "11010519491231002X" not in repr(card) and "张三丰" not in repr(card)
    assert "110105********002X" in repr(card)


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        ("ESP310090082114", "ESP310*****2114"),
        ("H60123457", "H6*****57"),
    ],
)
def test_mask_number(number: str, masked: str) -> None:
    assert mask_number(number) == masked


class _FakeDecoder:
    def decode(self, wlt: bytes) -> bytes:
        return b"BM" + wlt[:4]


class _BrokenDecoder:
    def decode(self, wlt: bytes) -> bytes:
        raise OSError("libwlt2bmp.so: bad data")


def test_photo_without_a_decoder_is_an_unavailable_feature() -> None:
    with pytest.raises(DeviceUnavailableFeature, match="未安装身份证照片解码库"):
        decode_photo(b"\x01" * 1024)


def test_photo_decoder_plug_in_is_used_and_its_failures_are_typed() -> None:
    assert decode_photo(b"WLT!" * 256, _FakeDecoder()) == b"BMWLT!"
    with pytest.raises(DeviceError, match="照片解码失败"):
        decode_photo(b"\x01" * 1024, _BrokenDecoder())


def test_cards_compare_without_raw_text() -> None:
    card = decode_text_block(resident_block())
    assert replace(card, raw_text=b"") == card


def test_a_card_without_an_issue_count_reads(demo_cards: list[SimCard]) -> None:
    # 换证次数 may be blank on a 2023 foreigner card (tests/card_samples.FOREIGNER has none).
    card = replace(demo_cards[3].card, issue_count="")
    assert decode_text_block(encode_text_block(card), card.photo_wlt, card.fingerprint) == card
