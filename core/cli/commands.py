"""Core's contribution to ``tongban``: catalog, cases, audit and the headless demo.

Only the command names and their help are added here; each command's arguments come from its
own module, imported when the command is used (core.cli.main: fill_later).
"""

from __future__ import annotations

import argparse
import importlib

from core.cli.main import Fill, fill_later

# command → (one-line help, module whose ``fill(parser)`` adds its arguments, or ``module:function``)
COMMANDS = {
    "catalog": ("事项目录：可办的“一件事”及其材料清单 (the service catalog)", "core.cli.catalog_cmd"),
    "cases": ("办件：受理、查询、补齐、评价 (cases)", "core.cli.cases_cmd"),
    "audit": ("审计日志 (audit log)", "core.cli.audit_cmd"),
    "rules": ("规则计算：工作日期限等 (rules: working-day limits …)", "core.cli.rules_cmd"),
    "doctor": (
        "自检：配置、数据、密钥、平台、外设、字体 (diagnose this device; exit 0/1/2)",
        "core.cli.doctor",
    ),
    "backup": ("备份本机数据与设备密钥（口令保护）(back up this device)", "core.cli.backup_cmd:fill_backup"),
    "restore": (
        "从备份恢复本机或新硬件 (restore a device from a backup)",
        "core.cli.backup_cmd:fill_restore",
    ),
    "numbering": (
        "从备份恢复后的编号核对与恢复 (numbering after a restore)",
        "core.cli.numbering_cmd",
    ),
    "migrate": (
        "升级本机数据库（安装包升级时执行）(apply store migrations)",
        "core.cli.backup_cmd:fill_migrate",
    ),
    "demo": ("演示：一件出生“一件事”从受理到回执 (headless demonstration)", "core.cli.demo"),
}


def _filler(target: str) -> Fill:
    module, _, function = target.partition(":")

    def fill(parser: argparse.ArgumentParser) -> None:
        getattr(importlib.import_module(module), function or "fill")(parser)

    return fill


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, (text, module) in COMMANDS.items():
        fill_later(sub.add_parser(name, help=text), _filler(module))
