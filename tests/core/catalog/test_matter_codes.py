"""事项编码 structure: real codes from public sources parse; broken variants are refused with reasons.

Sources of the real codes (docs/matter-codes.md has the full list):
- GX: Guangxi platform item data with labelled fields (dept_code, use_level, catalog_code,
  task_code), a public code sample in the search index (file ids 21106400767, 20529499766; the
  index does not name its repository), and https://github.com/zhw16/h5-item-qr (commit 8008e30,
  js/sourcedata.js) linking http://zwfw.gxzf.gov.cn/gxzwfw/workhandguide/infos.do?taskCode=…
- SD: https://github.com/LouisCherry/tempproject134 (commit 3485262),
  java/com/epoint/zwdt/zwdtrest/project/TAAuditOnlineProjectController2.java and
  java/com/epoint/hcp/rest/controller/HcpController.java ("taskcode取值前31位，taskHandleItem为33位").
- GD: a Guangdong 好差评 payload sample in the search index (file id 24549905531),汕尾市供水总公司.
- CQ: 重庆市开州区 娱乐场所从事娱乐场所经营活动审批（游艺娱乐）延续清单办事指南, labelled 基本编码, 实施编码,
  办理项编码, 实施主体编码: https://www.cqkz.gov.cn/kz/fzhggwyh_80934/zwgk_72016/zfxxgkml/jczwgk/
  ggwhfwlyjczwgk/sxbl/xzxkd/202211/t20221109_11278614.html
- HN: 湖南政务服务网 食品小经营许可（汝城县）, 实施编码 with a letter in its local 基本编码:
  http://zwfw-new.hunan.gov.cn/onething/service/serviceguideck.jsp?approve_id=0eef68d26aa545a88163005a606bf30f&areacode=431026999000
- JN: 济宁 邹城市 危险化学品经营许可申请, 基本编码 JN370883AJ370125012000, 实施编码 11370883004324117N4370125012000:
  http://www.zoucheng.gov.cn/jiningsxcx-server/front/transition/ywTransToDetail?areaCode=370883000000&innerCode=2963119&taskType=XK
- GZ: 广州市网上办事大厅 (pre-2018) 公司变更登记,
  http://wsbs.gz.gov.cn/gz/wsbs/getServiceGuide.action?serviceItemCode=gz3011002-002
- SC: https://github.com/v-luobo/zwfw (commit 11bd626, bszl-data.js), links of the form
  http://www.sczwfw.gov.cn/jiq/front/transition/ywTransToDetail?areaCode=511602000000&itemCode=…
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.catalog.codes import (
    BasicCode,
    BasicScheme,
    ImplCode,
    ImplShape,
    MatterCodeError,
    basic_code_problems,
    compose_handle_item_code,
    compose_impl_code,
    handle_item_code_problems,
    impl_code_problems,
    level_for_region,
    matter_code_problems,
    parse_basic_code,
    parse_handle_item_code,
    parse_impl_code,
)
from core.errors import ValidationError
from core.validation.organisations import USCC_ALPHABET, organisation_code_check_char, uscc_check_char


def _basic(impl: ImplCode) -> BasicCode:
    assert impl.basic is not None
    return impl.basic


# (实施编码, agency USCC, 行使层级, 基本编码) — national 31-character shape.
NATIONAL = [
    # GX 固定资产投资项目节能审查, 灵山县行政审批局: dept_code 11450721MB15580811, use_level 4,
    # catalog_code 000104002000 (index file 21106400767).
    ("11450721MB155808114000104002000", "11450721MB15580811", "4", "000104002000"),
    # GX 政府投资项目审批——可行性研究报告审批, 灵山县发展和改革局: catalog_code 452004020000 (file 20529499766).
    ("1145072100811537184452004020000", "114507210081153718", "4", "452004020000"),
    # GX, 全民健身 matter of dept_code 11450721348531435D (file 21106400767).
    ("11450721348531435D4001033002000", "11450721348531435D", "4", "001033002000"),
    # SD TAAuditOnlineProjectController2.java: "消毒水注销" (济宁, city level).
    ("11370800MB285591843370123020002", "11370800MB28559184", "3", "370123020002"),
    # SD same file, a county-level (370883) matter.
    ("11370883MB2857374H4370173016000", "11370883MB2857374H", "4", "370173016000"),
    # CQ 娱乐场所从事娱乐场所经营活动审批（游艺娱乐）延续, 行使层级 区县级, 实施主体编码 11500234327754728R.
    ("11500234327754728R4000122013000", "11500234327754728R", "4", "000122013000"),
    # HN 食品小经营许可, 汝城县市场监督管理局, 行使层级 县级: a letter inside a provincial 基本编码.
    ("11431026MB0R05447F4430131056W00", "11431026MB0R05447F", "4", "430131056W00"),
    # GD 水费查缴办理, 汕尾市供水总公司 (departmentCode 12441500196720244T; index file 24549905531).
    ("12441500196720244T3442199806003", "12441500196720244T", "3", "442199806003"),
]

# (业务办理项编码, its 实施编码, item number) — 33 characters.
ITEMS = [
    # CQ 办理项编码 of the 延续 guide above.
    ("11500234327754728R400012201300004", "11500234327754728R4000122013000", "04"),
    # GX 地质灾害治理工程施工乙级资质补证: zhw16/h5-item-qr js/sourcedata.js, link
    # http://zwfw.gxzf.gov.cn/gxzwfw/workhandguide/infos.do?taskCode=11450000007565194H200011501500504
    ("11450000007565194H200011501500504", "11450000007565194H2000115015005", "04"),
    # SD TAAuditOnlineProjectController2.java and AuditOnlineItemController.java (供电).
    ("11370883MB2857374H437309800900101", "11370883MB2857374H4373098009001", "01"),
    ("913708001659213936337209900400201", "9137080016592139363372099004002", "01"),
]

# SC: the itemCode of sczwfw.gov.cn links in v-luobo/zwfw bszl-data.js (region 511602 = 广安区).
SICHUAN = [
    # 适龄儿童、少年因身体状况需要延缓入学或者休学审批 (taskType=1)
    "511A0138000000-511602000000-000-115113010833722043-1-00",
    # 企业投资项目备案（技术改造）（市级/县级） (taskType=10)
    "511Z07001006-511602000000-000-11511301008778183N-1-00",
    # 中职和本专科建档立卡特别资助项目 (taskType=5)
    "G-000007-001-511602000000-000-115113010833722043-1-00",
    # 学生资助政策咨询 (taskType=20)
    "512C0053300008-511602000000-000-115113010833722043-1-00",
    # 学前教育减免保教费查询: the agency is the 9-character organisation code 083372204
    "512B0053300006-511602000000-000-083372204-1-00",
    # an organisation code written with its hyphen (taskType=20)
    "512C0107400001-511602000000-000-00877868-5-1-00",
    # 14-digit numeric basic code (taskType=20)
    "51201103900003-511602000000-000-11511301008778298W-1-00",
    # 安全评价报告以及落实情况的备案 (taskType=10)
    "1J-5100-00019-511602000000-000-11511301008778386B-1-00",
    # the digit before the last segment is 2 in some links
    "511A16001002-511602000000-000-11511301MB1D685275-2-00",
]


@pytest.mark.parametrize(("code", "agency", "level", "basic"), NATIONAL)
def test_real_national_impl_codes_parse_into_their_labelled_segments(
    code: str, agency: str, level: str, basic: str
) -> None:
    impl = parse_impl_code(code)
    assert impl.shape is ImplShape.NATIONAL
    assert (impl.agency, impl.level, _basic(impl).text) == (agency, level, basic)
    assert _basic(impl).scheme is BasicScheme.TWELVE
    assert impl_code_problems(code) == []
    assert matter_code_problems(code, basic) == []


def test_level_names_and_basic_code_origin() -> None:
    county = parse_impl_code(NATIONAL[0][0])
    assert county.level_name == "县级"
    assert _basic(county).province is None  # 000… = the national list
    local = parse_impl_code(NATIONAL[1][0])
    assert _basic(local).province == "45"  # a Guangxi list code


@pytest.mark.parametrize(("code", "impl", "number"), ITEMS)
def test_real_handle_item_codes_are_the_impl_code_and_two_digits(code: str, impl: str, number: str) -> None:
    item = parse_handle_item_code(code)
    assert (item.impl.text, item.item) == (impl, number)
    assert matter_code_problems(impl, _basic(item.impl).text, [code]) == []


@pytest.mark.parametrize("code", SICHUAN)
def test_real_sichuan_dashed_impl_codes_parse(code: str) -> None:
    impl = parse_impl_code(code)
    assert impl.shape is ImplShape.SICHUAN
    assert impl.region == "511602000000"
    assert _basic(impl).text == code.split("-511602000000-")[0]
    assert impl.unexplained[0] == "000" and impl.unexplained[2] == "00"


def test_sichuan_segments() -> None:
    impl = parse_impl_code(SICHUAN[0])
    assert impl.agency == "115113010833722043"
    assert (_basic(impl).scheme, _basic(impl).province, _basic(impl).type_code) == (
        BasicScheme.SICHUAN,
        "51",
        "1A",
    )
    assert _basic(impl).type_name == "行政许可"
    assert _basic(parse_impl_code(SICHUAN[2])).scheme is BasicScheme.SICHUAN_DASHED
    assert parse_impl_code(SICHUAN[4]).agency == "083372204"


@pytest.mark.parametrize(
    "code",
    ["000104002000", "452004020000", "001033002000", "511A07004003", "51201103900003", "E-000010-001"],
)
def test_real_basic_codes_have_known_shapes(code: str) -> None:
    assert basic_code_problems(code) == []


def test_jining_prefixed_basic_code_carries_the_12_character_code_of_its_impl_code() -> None:
    basic = parse_basic_code("JN370883AJ370125012000")  # JN
    assert (basic.scheme, basic.inner, basic.embedded) == (
        BasicScheme.PREFIXED,
        "370125012000",
        "370125012000",
    )
    assert matter_code_problems("11370883004324117N4370125012000", "JN370883AJ370125012000") == []
    assert basic_code_problems("JN999999AJ370125012000") != []  # not a region
    assert matter_code_problems("11370883004324117N4370125012000", "JN370883AJ370125012001") != []


def test_a_matter_code_may_be_the_33_character_item_level_code_its_page_shows() -> None:
    # 新疆生产建设兵团 商品房预售许可: the page's 事项编码 is 33 characters and its address carries the
    # 31-character code (https://zwfw.xjbt.gov.cn/lawguide/ykypt/11990200010629224K3000117050000.jspx?…),
    # recorded in assets/catalog/matters (housing_presale_permit) by the catalog helpers.
    assert matter_code_problems("11990200010629224K300011705000001", "000117050000") == []
    assert matter_code_problems("11990200010629224K300011705000001", "000117050001") != []
    assert impl_code_problems("11990200010629224K300011705000001") != []  # alone, 31 is the rule


# GZ: 广州市网上办事大厅 公司变更登记 服务指南 (pre-2018), labelled 基本编码, 实施编码, 许可事项编码:
# http://wsbs.gz.gov.cn/gz/wsbs/getServiceGuide.action?serviceItemCode=gz3011002-002
GZ_IMPL, GZ_BASIC, GZ_LICENCE = "440100000000007483033016", "0100764016", "00748303301007640163440100"


def test_guangzhou_legacy_codes() -> None:
    impl = parse_impl_code(GZ_IMPL)
    assert (impl.shape, impl.region, impl.agency, impl.basic) == (
        ImplShape.GUANGZHOU_LEGACY,
        "440100000000",
        "007483033",
        None,
    )
    assert parse_basic_code(GZ_BASIC).scheme is BasicScheme.GUANGZHOU_LEGACY
    assert matter_code_problems(GZ_IMPL, GZ_BASIC, [GZ_LICENCE]) == []
    # The licence code must carry this matter's organisation code, region and basic code.
    assert matter_code_problems(GZ_IMPL, "0100764017", [GZ_LICENCE]) != []
    assert matter_code_problems(GZ_IMPL, GZ_BASIC, ["00748303301007640163440300"]) != []
    assert impl_code_problems("440100000000007483034016") != []  # organisation code check character


def test_catalog_level_item_codes_are_the_basic_code_and_two_digits() -> None:
    # A county's 个体工商户登记注册 行政许可事项实施规范 lists 业务办理项编码 00013112800001…03 under the
    # 行政许可事项编码 000131128000 (recorded by the catalog helpers, market_individual_business_registration).
    items = ["00013112800001", "00013112800002", "00013112800003"]
    assert matter_code_problems(None, "000131128000", items) == []
    assert matter_code_problems(None, "000131129000", items) != []
    assert matter_code_problems(None, None, ["0001311280000A"]) != []


def test_sub_item_basic_codes_are_accepted_as_item_codes() -> None:
    # A 泉州市丰泽区 page lists 子项 with 12-digit codes (002036003001, 002036003002), recorded as
    # items in assets/catalog/matters/person.jsonl (mi_relation_transfer) by the catalog helpers.
    assert matter_code_problems(None, None, ["002036003001", "002036003002", None]) == []
    assert matter_code_problems(None, None, ["992036003001"]) != []


def test_guizhou_rule_shape() -> None:
    # Constructed from the DB52/T 1264-2018 rule text (2-letter type + 5-digit 主项 + 3-digit 子项);
    # no published Guizhou code was seen.
    basic = parse_basic_code("XK00101001")
    assert (basic.scheme, basic.main_item, basic.sub_item, basic.type_name) == (
        BasicScheme.GUIZHOU,
        "00101",
        "001",
        "行政许可",
    )
    assert basic_code_problems("XK00000001") != []  # 主项 runs 00001–99999


GOOD = NATIONAL[0][0]  # 11450721MB155808114000104002000


@pytest.mark.parametrize(
    ("code", "needle"),
    [
        (GOOD[:-1], "长度应为 31 位"),  # wrong length
        (GOOD + "0", "长度应为 31 位"),
        (GOOD[:17] + "Y" + GOOD[18:], "校验位"),  # USCC check character wrong
        (GOOD[:18] + "Y" + GOOD[19:], "行使层级"),  # a letter where the level digit goes
        (GOOD[:18] + "7" + GOOD[19:], "行使层级"),
        (GOOD[:-1] + "A", "应为 12 位数字"),  # a letter in the basic code
        (GOOD[:-1] + "０", "无效字符"),  # a fullwidth digit
        (GOOD[:19] + "99" + GOOD[21:], "以 99 开头"),  # neither 00 nor a province
        (GOOD.lower(), "小写"),
        (GOOD[:10] + " " + GOOD[11:], "空白"),
        ("", "为空"),
        # Placeholders left in a real sample (SD JNAuditOnlineTaskController…): USCC check fails.
        ("1137080123456789072370117000001", "校验位"),
    ],
)
def test_broken_national_impl_codes_are_refused(code: str, needle: str) -> None:
    problems = impl_code_problems(code)
    assert any(needle in p for p in problems), problems
    with pytest.raises(MatterCodeError) as caught:
        parse_impl_code(code)
    assert caught.value.problems == tuple(problems)
    assert isinstance(caught.value, ValidationError)


def test_a_33_character_code_given_as_impl_code_gets_a_hint() -> None:
    (problem,) = impl_code_problems(ITEMS[0][0])
    assert "业务办理项编码" in problem


@pytest.mark.parametrize(
    ("code", "needle"),
    [
        # Real defects in the Sichuan links: a 17-character "USCC" and a wrong check character.
        ("511A0020500002-511602000000-000-1151130000877869M-1-00", "既不是 18 位"),
        # (its check character is wrong too, but "T" is no GB 32100 registrar: that is said first)
        ("511F0045400001-511602000000-000-TE5116020105116050-1-00", "登记管理部门代码"),
        ("511F0045400001-511602000000-000-11511301452259996u-1-00", "小写"),
        # Broken variants of a real code.
        ("511A0138000000-991602000000-000-115113010833722043-1-00", "区划"),  # bad region
        ("511A0138000000-51160200000-000-115113010833722043-1-00", "分段格式"),  # 11-digit region
        ("511A0138000000-511602000000-000-083372205-1-00", "组织机构代码"),  # org code check char
        ("511A013800000-511602000000-000-115113010833722043-1-00", "基本编码"),  # 13-char basic
        ("A-005818-5818-511602000000-000-115113010087783353-1-00", "不是已知的基本编码格式"),
    ],
)
def test_broken_sichuan_impl_codes_are_refused(code: str, needle: str) -> None:
    problems = impl_code_problems(code)
    assert any(needle in p for p in problems), problems


@pytest.mark.parametrize(
    ("code", "needle"),
    [
        (ITEMS[0][0][:-1], "长度应为 33 位"),
        (ITEMS[0][0][:-1] + "A", "末两位"),
        (ITEMS[0][0][:17] + "X" + ITEMS[0][0][18:], "校验位"),
    ],
)
def test_broken_handle_item_codes_are_refused(code: str, needle: str) -> None:
    assert any(needle in p for p in handle_item_code_problems(code))


def test_every_problem_reads_in_chinese_then_english() -> None:
    for problem in impl_code_problems(GOOD[:17] + "Y" + GOOD[18:] + "0"):
        assert problem.endswith(")") and " (" in problem


def test_matter_codes_must_agree_with_each_other() -> None:
    code, _, _, basic = NATIONAL[0]
    assert matter_code_problems(code, basic, []) == []
    assert matter_code_problems(None, None, [None]) == []  # the source shows no codes
    (mismatch,) = matter_code_problems(code, "000104002001")
    assert "不一致" in mismatch
    foreign = ITEMS[1][0]
    (wrong_item,) = matter_code_problems(code, basic, [foreign])
    assert "不是本事项的实施编码" in wrong_item
    assert matter_code_problems(code, basic, [code + "01", None]) == []


def test_compose_builds_a_national_code_that_parses() -> None:
    # CONSTRUCTED, like demo data: the agency and basic code are real ones, put together here.
    composed = compose_impl_code("000104002000", "450721", "11450721MB15580811")
    assert composed == NATIONAL[0][0]
    assert parse_impl_code(composed).level == "4"
    assert compose_impl_code("000104002000", "450000", "11450721MB15580811")[18] == "2"
    assert compose_impl_code("000104002000", "450700", "11450721MB15580811", level="3")[18] == "3"
    assert compose_handle_item_code(composed, 4) == composed + "04"


@pytest.mark.parametrize(
    ("basic", "region", "agency", "needle"),
    [
        ("51201103900003", "450721", "11450721MB15580811", "不是 12 位"),
        ("E-000010-001", "450721", "11450721MB15580811", "不是 12 位"),
        ("000104002000", "459999", "11450721MB15580811", "区划"),
        ("000104002000", "450721", "11450721MB1558081Y", "校验位"),
    ],
)
def test_compose_refuses_bad_parts(basic: str, region: str, agency: str, needle: str) -> None:
    with pytest.raises(MatterCodeError) as caught:
        compose_impl_code(basic, region, agency)
    assert any(needle in p for p in caught.value.problems), caught.value.problems


def test_compose_handle_item_refuses_bad_numbers_and_shapes() -> None:
    with pytest.raises(MatterCodeError):
        compose_handle_item_code(NATIONAL[0][0], 100)
    with pytest.raises(MatterCodeError):
        compose_handle_item_code(SICHUAN[0], 1)


def test_level_for_region() -> None:
    assert [level_for_region(r) for r in ("510000", "511600", "511602", "110105")] == ["2", "3", "4", "4"]


@st.composite
def usccs(draw: st.DrawFn) -> str:
    body = draw(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8))
    head = draw(st.sampled_from(["11", "12", "91"])) + draw(st.sampled_from(["450721", "511602", "110105"]))
    first17 = head + body + organisation_code_check_char(body)
    return first17 + uscc_check_char(first17)


@given(
    agency=usccs(),
    basic=st.from_regex(r"00[0-9]{10}", fullmatch=True),
    region=st.sampled_from(["450721", "450000", "370800"]),
)
def test_composed_codes_round_trip(agency: str, basic: str, region: str) -> None:
    code = compose_impl_code(basic, region, agency)
    impl = parse_impl_code(code)
    assert (impl.agency, _basic(impl).text, impl.level) == (agency, basic, level_for_region(region))


@given(position=st.integers(0, 17), char=st.sampled_from(USCC_ALPHABET))
def test_any_single_change_in_the_agency_is_caught(position: int, char: str) -> None:
    code = NATIONAL[0][0]
    if code[position] == char:
        return
    changed = code[:position] + char + code[position + 1 :]
    assert impl_code_problems(changed) != []
