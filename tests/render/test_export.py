"""`roadmap-reports export`: JSON (the contract, lossless) and CSV for Excel."""

from __future__ import annotations

import csv
import io
import json

from conftest import DATA, FIXTURES, invoke

MINI = FIXTURES / "mini.yaml"
FY2022 = DATA / "fy2022.yaml"


def test_json_export_round_trips_losslessly(tmp_path):
    from roadmap_reports.sources.dataset import load_roadmap

    for source in (MINI, FY2022):
        out = tmp_path / f"{source.stem}.json"
        result = invoke("export", source, "--format", "json", "-o", out)
        assert result.exit_code == 0
        n = len(load_roadmap(source).measures)
        assert result.stderr == f"Wrote {out} (json, {n} measures).\n"
        again = load_roadmap(out)
        assert again.to_dict() == load_roadmap(source).to_dict()
        # JSON → YAML → JSON gives the same bytes
        yaml_again = tmp_path / f"{source.stem}.yaml"
        from roadmap_reports.sources.dataset import save
        save(again, yaml_again)
        if source == FY2022:  # the bundled file is exactly what dumps_yaml writes
            assert yaml_again.read_bytes() == source.read_bytes()
        out2 = tmp_path / f"{source.stem}2.json"
        assert invoke("export", yaml_again, "-f", "json", "-o", out2).exit_code == 0
        assert out2.read_bytes() == out.read_bytes()


def test_json_keys_are_the_contract():
    result = invoke("export", FY2022, "-f", "json")
    data = json.loads(result.stdout)
    assert list(data) == ["schema_version", "title", "fiscal_year", "as_of", "sections", "measures"]
    keys = {"id", "section", "subsection", "initiative", "kpis", "ministries", "status", "repost_of"}
    for m in data["measures"]:
        assert keys <= set(m) <= keys | {"status_by_ministry"}
    m39 = next(m for m in data["measures"] if m["id"] == 39)
    assert list(m39["status_by_ministry"]) == ["文部科学省", "法務省"]
    assert data["measures"][2]["initiative"].startswith("「日本語教育の参照枠」に示された")  # not \\u-escaped


def test_csv_has_a_bom_and_one_row_per_measure_and_ministry(tmp_path):
    from roadmap_reports.sources.dataset import load_roadmap

    out = tmp_path / "fy2022.csv"
    result = invoke("export", FY2022, "--format", "csv", "-o", out)
    assert result.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    roadmap = load_roadmap(FY2022)
    assert len(rows) == sum(len(roadmap.owners(m)) for m in roadmap.measures) == 103
    assert [r["ministry"] for r in rows if r["id"] == "39"] == ["文部科学省", "法務省"]
    assert [r["co_owners"] for r in rows if r["id"] == "39"] == ["法務省", "文部科学省"]
    r12 = next(r for r in rows if r["id"] == "12")  # a repost is filed under its target's ministry
    assert (r12["repost_of"], r12["ministry"], r12["ministry_code"], r12["initiative"]) == ("3", "文部科学省", "MEXT", "")
    r16 = next(r for r in rows if r["id"] == "16")
    assert r16["kpis"].split("\n")[0] == "外国人支援団体等との連携"
    assert r16["status"] == roadmap.measure(16).status
    assert {r["id"] for r in rows} == {str(i) for i in range(1, 102)}


def test_csv_to_standard_output_also_has_the_bom():
    result = invoke("export", MINI, "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfid,repost_of,section,subsection,ministry,ministry_code,")
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    by_id = {r[0]: r for r in rows[1:]}
    # a cell that would start a formula in Excel gets a leading apostrophe; other text is unchanged
    assert by_id["2"][9] == "'+81 を含む状況 @ 記号"
    assert by_id["2"][7] == "「=SUM(A1)」や{{ 変数 }}、<b>&amp;</b> を含む取組"


def test_default_is_the_bundled_dataset():
    result = invoke("export", "-f", "json")
    assert result.exit_code == 0 and len(json.loads(result.stdout)["measures"]) == 101


def test_bad_inputs_give_one_line_and_no_output(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n", encoding="utf-8")
    out = tmp_path / "out.json"
    result = invoke("export", bad, "-f", "json", "-o", out)
    assert (result.exit_code, result.stderr) == (1, f"Error: {bad}:2: YAML syntax error: expected the node "
                                                    "content, but found '<stream end>'\n")
    assert not out.exists()
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text(MINI.read_text(encoding="utf-8").replace("  repost_of: 1\n", "  repost_of: 9\n"),
                       encoding="utf-8")
    result = invoke("export", invalid, "-f", "csv", "-o", tmp_path / "x.csv")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"Error: {invalid}:")
    assert result.stderr.endswith("measure 3: repost_of 9 points to a missing measure\n")
    assert not (tmp_path / "x.csv").exists()
    missing = tmp_path / "nope.json"
    assert invoke("export", missing).stderr == f"Error: {missing}: no such file\n"
    result = invoke("export", MINI, "-f", "xml")
    assert result.exit_code == 2 and "'xml' is not one of 'json', 'csv'" in result.stderr


def test_yaml_export_is_the_dataset_as_stored(tmp_path):
    out = tmp_path / "fy2022.yaml"
    result = invoke("export", FY2022, "--format", "yaml", "-o", out)
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {out} (yaml, 101 measures).\n"
    assert out.read_bytes() == FY2022.read_bytes()  # no BOM, byte for byte what data/ holds
    from roadmap_reports.sources.dataset import load_roadmap

    again = tmp_path / "mini.yaml"
    again.write_bytes(invoke("export", MINI, "-f", "yaml").stdout_bytes)
    assert load_roadmap(again).to_dict() == load_roadmap(MINI).to_dict()


def test_unknown_export_format_lists_the_registered_ones():
    result = invoke("export", MINI, "--format", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'json', 'csv', 'yaml'" in result.stderr
