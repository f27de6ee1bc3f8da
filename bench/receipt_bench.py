"""Bytes sent for a newborn acceptance receipt: text + native QR (ours) against the whole receipt as one raster image."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devices.printer.profiles import DEFAULT_PROFILE, PROFILES, get_profile
from devices.printer.raster import find_cjk_fonts
from devices.printer.render import render_receipt


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    text: str = ""
    align: str = "left"
    emphasis: str = "normal"


@dataclass(frozen=True, slots=True)
class Receipt:
    kind: str
    title: str
    blocks: tuple[Block, ...]
    reprint: bool = False


MATERIALS = (
    ("出生医学证明", "已收取"),
    ("父亲居民身份证", "已核验"),
    ("母亲居民身份证", "已核验"),
    ("居民户口簿（随迁方）", "已收取"),
    ("结婚证", "告知承诺"),
    ("新生儿免冠照片（白底）", "容缺，2026-12-07 前补交"),
    ("监护人银行卡（社保卡发放）", "电子证照免提交"),
    ("参保登记表", "已填写并签字"),
)


def newborn_receipt() -> Receipt:
    def t(text: str, align: str = "left", emphasis: str = "normal") -> Block:
        return Block("text", text, align, emphasis)

    blocks = [
        t("杭州市西湖区政务服务中心", "center", "bold"),
        t("受理回执", "center", "title"),
        Block("rule"),
        t("办件编号：", emphasis="bold"),
        t("3301 0620 2611 2300 0127", "center", "large"),
        t("事项：新生儿出生“一件事”"),
        t("申请人：林*雨"),
        t("证件号码：320115********0043"),
        t("受理时间：2026-11-23 09:30"),
        t("受理状态：已受理（容缺）"),
        t("承诺办结：2026-12-04 前"),
        Block("rule"),
        t("并联办理事项：", emphasis="bold"),
        t("· 出生医学证明签发（卫健，1个工作日）"),
        t("· 出生登记（公安，5个工作日）"),
        t("· 城乡居民医保参保登记（医保，5个工作日）"),
        t("· 社会保障卡申领（人社，10个工作日）"),
        Block("rule"),
        t("申请材料：", emphasis="bold"),
        *(t(f"· {name}：{state}") for name, state in MATERIALS),
        t("尚有容缺材料待补齐，详见《一次性告知书》。", emphasis="bold"),
        Block("rule"),
        Block("qr", "TB1:33010620261123000127", "center"),
        t("凭本回执或扫码查询办理进度", "center"),
        t("咨询电话：0571-87654321", "center"),
        t("杭州市西湖区文三路 100 号一楼综合窗口", "center"),
        Block("feed"),
    ]
    return Receipt("receipt", "受理回执", tuple(blocks))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", default=DEFAULT_PROFILE, choices=sorted(PROFILES))
    parser.add_argument("--rounds", type=int, default=20, help="renderings timed per variant")
    args = parser.parse_args()
    profile = get_profile(args.profile)
    raster = dataclasses.replace(profile, name=profile.name + "+raster", raster_only=True)
    fonts = find_cjk_fonts()
    receipt = newborn_receipt()
    sizes, seconds = {}, {}
    for variant in (profile, raster):
        started = time.perf_counter()
        for _ in range(args.rounds):
            data = render_receipt(receipt, variant, fonts).data
        seconds[variant.name] = (time.perf_counter() - started) / args.rounds
        sizes[variant.name] = len(data)
    ours, baseline = sizes[profile.name], sizes[raster.name]
    print(f"profile={profile.name} font={fonts[0].family}")
    print(f"ours_bytes={ours} render_ms={seconds[profile.name] * 1000:.1f}")
    print(f"raster_bytes={baseline} render_ms={seconds[raster.name] * 1000:.1f}")
    print(f"ratio={ours / baseline:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
