"""The command lines: spacy train on the config, extract, evaluate, and the packaged wheel."""
import json
import subprocess
import sys
import textwrap

import pytest

from ar_conflict.formats import read_records
from conftest import CONFIG, ROOT, TINY_OVERRIDES


def run(args, cwd=ROOT, timeout=300):
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_spacy_train_smoke(tmp_path, compiled_corpus):
    """`spacy train` on the default config (shrunk) with the project's --code, in under two minutes."""
    overrides = [f"--{k}={json.dumps(v) if isinstance(v, list) else v}" for k, v in TINY_OVERRIDES.items()]
    result = run(["-m", "spacy", "train", str(CONFIG), "--output", str(tmp_path), "--code", "scripts/spacy_code.py",
                  "--paths.train", str(compiled_corpus / "train.spacy"), "--paths.dev", str(compiled_corpus / "dev.spacy"),
                  "--training.max_steps", "20", *overrides], timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "model-last" / "relations" / "model").exists()
    assert (tmp_path / "model-last" / "tokenizer").exists()


def test_extract_txt_folder_and_jsonl(tmp_path, trained_model):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("قتل 5 مدنيين في حلب.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("", encoding="utf-8")
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"id": "x1", "text": "خبر"}, ensure_ascii=False) + "\n" + json.dumps({"text": "خبر آخر"}, ensure_ascii=False) + "\n", encoding="utf-8")
    for source, ids in [(folder, ["a", "sub/b"]), (folder / "a.txt", ["a"]), (jsonl, ["x1", "in-2"])]:
        out = tmp_path / "out.jsonl"
        result = run(["scripts/extract.py", "--model", str(trained_model), "--input", str(source), "--output", str(out)])
        assert result.returncode == 0, result.stderr[-2000:]
        records, _ = read_records(out)
        assert [r["id"] for r in records] == ids
        assert "Wrote" in result.stdout


def test_extract_bad_jsonl_fails_or_skips(tmp_path, trained_model):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "خبر"}\n{"id": 3\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run(["scripts/extract.py", "--model", str(trained_model), "--input", str(bad), "--output", str(out)])
    assert result.returncode == 1 and f"{bad}:2: malformed JSON" in result.stderr
    result = run(["scripts/extract.py", "--model", str(trained_model), "--input", str(bad), "--output", str(out), "--skip-invalid"])
    assert result.returncode == 0 and "1 input lines skipped" in result.stdout and f"{bad}:2:" in result.stderr
    assert len(read_records(out)[0]) == 1


def test_evaluate_writes_metrics(tmp_path, trained_model, compiled_corpus):
    metrics = tmp_path / "metrics.json"
    result = run(["scripts/evaluate.py", "--model", str(trained_model), "--data", str(compiled_corpus / "train.jsonl"), "--output", str(metrics)])
    assert result.returncode == 0, result.stderr[-2000:]
    scores = json.loads(metrics.read_text())
    assert scores["docs"] == 1 and set(scores["ents_per_type"]) == {"ARMED_GROUP", "LOCATION", "KILLED", "INJURED"}
    assert "relations, end to end" in result.stdout


def test_every_script_has_help():
    for script in ["validate", "corpus", "extract", "evaluate", "package"]:
        result = run([f"scripts/{script}.py", "--help"])
        assert result.returncode == 0 and "Usage" in result.stdout


@pytest.mark.slow
def test_package_installs_and_loads_outside_the_repo(tmp_path, trained_model, compiled_corpus):
    """Build the wheel, install it into an empty folder, load it by name where the repo cannot be imported."""
    result = run(["scripts/package.py", "--model", str(trained_model), "--output-dir", str(tmp_path / "packages")])
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = tmp_path / "packages" / "ar_conflict_news-0.1.0-py3-none-any.whl"
    site = tmp_path / "site"
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(site), str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    text = json.loads((compiled_corpus / "train.jsonl").read_text(encoding="utf-8").splitlines()[0])["text"]
    code = textwrap.dedent(f"""
        import json, sys
        class NoProject:  # the repository's package must not be needed
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] == "ar_conflict":
                    raise ImportError("project package not available")
        sys.meta_path.insert(0, NoProject())
        import spacy
        nlp = spacy.load("ar_conflict_news")
        doc = nlp({text!r})
        print(json.dumps({{"ents": [(e.text, e.label_) for e in doc.ents], "rels": len(doc._.relations),
                          "module": type(nlp.get_pipe("relations")).__module__,
                          "tokens": [t.text for t in doc]}}, ensure_ascii=False))
    """)
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    loaded = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    out = json.loads(loaded.stdout)
    assert ("قوات النظام", "ARMED_GROUP") in [tuple(e) for e in out["ents"]]
    assert out["rels"] > 0
    assert out["module"].startswith("ar_conflict_news.ar_conflict")
    import spacy
    assert out["tokens"] == [t.text for t in spacy.load(trained_model).make_doc(text)]


def test_extract_events_and_csv(tmp_path, trained_model, compiled_corpus):
    import csv

    source = compiled_corpus / "train.jsonl"
    events_out, csv_out = tmp_path / "events.jsonl", tmp_path / "events.csv"
    for fmt, out in [("events", events_out), ("csv", csv_out)]:
        result = run(["scripts/extract.py", "--model", str(trained_model), "--input", str(source), "--output", str(out), "--format", fmt])
        assert result.returncode == 0, result.stderr[-2000:]
    events = [json.loads(line) for line in events_out.read_text(encoding="utf-8").splitlines()]
    rows = list(csv.DictReader(csv_out.open(encoding="utf-8")))
    assert [e["text"] for e in events] == ["ستة", "11"]
    assert events[0]["type"] == "killed" and events[0]["document"] == "t-001"
    assert [p["text"] for p in events[0]["perpetrator"]] == ["قوات النظام"]
    assert rows[0]["perpetrator"] == "قوات النظام" and rows[0]["location"] == "الأتارب"
    assert list(rows[0]) == ["document", "type", "value", "qualifier", "victim", "perpetrator", "location", "sentence", "start", "end"]
