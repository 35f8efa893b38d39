"""Rule packs: loading by file, folder and shipped name, and every malformed
pack rejected early with a one-line error naming file, notice and key."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from a11ylint.cli import main
from a11ylint.packs import PackError, available_shipped_packs, load_packs
from a11ylint.rules.base import example_document
from helpers import lint

GOOD = '[[notice]]\nid = "imprint-test"\nmessage = "Link it."\ntext = ["Impressum"]\n'


def write(tmp_path, text, name="pack.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# -- loading -------------------------------------------------------------------------

def test_one_rule_per_notice_with_origin(tmp_path):
    p = write(tmp_path, GOOD + '\n[[notice]]\nid = "second"\ntext_regex = ["x+"]\n')
    rules = load_packs([str(p)]).rules
    assert [r.id for r in rules] == ["legal-imprint-test", "legal-second"]
    for r in rules:
        assert r.family == "legal" and r.wcag == () and r.origin == str(p)
    assert rules[1].summary == "Required notice 'second' is missing."


def test_folder_and_shipped_names():
    names = available_shipped_packs()
    for name in ("legal/imprint", "legal/privacy", "legal/accessibility-statement",
                 "legal/sponsored", "legal/rferl-russia", "legal/foreign-agent"):
        assert name in names
    assert [r.id for r in load_packs(["legal/imprint"]).rules] == ["legal-imprint"]
    assert len(load_packs(["legal"]).rules) == 6


def test_nothing_legal_without_a_pack():
    assert load_packs([]).rules == []


def test_shipped_packs_cite_their_law():
    from a11ylint.packs import shipped_dir

    for path in sorted((shipped_dir() / "legal").glob("*.toml")):
        head = path.read_text(encoding="utf-8").split("[[notice]]")[0]
        assert head.lstrip().startswith("#") and "http" in head, path.name


def test_generated_examples_honour_scope_link_and_selector(tmp_path):
    p = write(tmp_path, '[[notice]]\nid = "gen"\nwhen.lang = ["de"]\n'
                        'when.selector = \'meta[name="paid"]\'\nwithin = "footer.site"\n'
                        'text = ["Impressum"]\nlink.href = "^/impressum$"\n')
    [cls] = load_packs([str(p)]).rules
    [good], [bad] = cls.pass_examples, cls.fail_examples
    assert '<meta name="paid">' in good and '<footer class="site">' in good
    assert '<a href="/impressum">Impressum</a>' in good
    spec = [str(p)]
    assert lint(example_document(good), select=["legal-gen"], rules=spec).findings == []
    assert lint(example_document(bad), select=["legal-gen"], rules=spec).findings


# -- malformed packs -------------------------------------------------------------------

BAD = [
    ('[[notice]]\nid = "a"\ntext = ["x"]\ncolour = "red"\n', "notice 'a': key 'colour': unknown key"),
    ('[[notice]]\ntext = ["x"]\n', "notice #1: key 'id': missing"),
    ('[[notice]]\nid = "a"\n', "notice 'a': key 'text': missing"),
    ('[[notice]]\nid = "a"\ntext = []\n', "notice 'a': key 'text': must hold at least one"),
    ('[[notice]]\nid = "a"\ntext = "x"\n', "notice 'a': key 'text': must be an array of strings, got string"),
    ('[[notice]]\nid = "a"\ntext = ["x", 3]\n', "key 'text': must be an array of strings, got array with non-string items"),
    ('[[notice]]\nid = 7\ntext = ["x"]\n', "notice #1: key 'id': must be a string, got integer"),
    ('[[notice]]\nid = "Not Kebab"\ntext = ["x"]\n', "key 'id': 'Not Kebab' is not kebab-case"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\n[[notice]]\nid = "a"\ntext = ["y"]\n',
     "notice 'a': key 'id': duplicate rule id 'legal-a'"),
    ('[[notice]]\nid = "a"\ntext_regex = ["(unclosed"]\n',
     "notice 'a': key 'text_regex': invalid regular expression '(unclosed'"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nwhen.url = "[a-"\n', "key 'when.url': invalid regular expression"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nlink.href = "*x"\n', "key 'link.href': invalid regular expression"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nwithin = "footer["\n', "notice 'a': key 'within': invalid CSS selector 'footer['"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nwhen.selector = "a::nope(1)"\n', "key 'when.selector': invalid CSS selector"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nwhen.lang = "de"\n', "key 'when.lang': must be an array of strings, got string"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nwhen.region = "eu"\n', "key 'when.region': unknown key"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nwhen = "de"\n', "key 'when': must be a table, got string"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nlink = "impressum"\n', "key 'link': must be a table, got string"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nlink.url = "x"\n', "key 'link.url': unknown key"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nseverity = "fatal"\n', "key 'severity': must be 'error' or 'warning', got 'fatal'"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\nmessage = 3\n', "key 'message': must be a string, got integer"),
    ('[[notice]]\nid = "a"\ntext = ["x"]\npass_examples = "<p>"\n', "key 'pass_examples': must be an array of strings"),
    ('notice = "x"\n', "'notice' must be an array of tables"),
]


@pytest.mark.parametrize("text,expected", BAD, ids=[b[1][:40] for b in BAD])
def test_malformed_pack(tmp_path, text, expected):
    p = write(tmp_path, text)
    with pytest.raises(PackError) as exc:
        load_packs([str(p)])
    msg = str(exc.value)
    assert msg.startswith(f"{p}: ")
    assert expected in msg
    assert "\n" not in msg


def test_duplicate_ids_across_files(tmp_path):
    a = write(tmp_path, GOOD, "a.toml")
    b = write(tmp_path, GOOD, "b.toml")
    with pytest.raises(PackError, match=r"b\.toml: notice 'imprint-test': key 'id': duplicate rule id"):
        load_packs([str(a), str(b)])


def test_pack_id_may_not_clash_with_shipped(tmp_path):
    p = write(tmp_path, '[[notice]]\nid = "imprint"\ntext = ["x"]\n')
    with pytest.raises(PackError, match="duplicate rule id 'legal-imprint'"):
        load_packs(["legal/imprint", str(p)])


# -- command line ---------------------------------------------------------------------------

def test_cli_broken_pack_is_exit_2_before_linting(tmp_path):
    bad = write(tmp_path, '[[notice]]\nid = "a"\ntext = ["x"]\nwithin = "footer["\n')
    page = write(tmp_path, "<html><body><p>x</p></body></html>", "p.html")
    res = CliRunner().invoke(main, ["check", "--isolated", "--rules", str(bad), str(page)])
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"a11ylint: error: {bad}: notice 'a': key 'within': invalid CSS selector 'footer[': ")
    assert res.stdout == ""


def test_cli_a_word_list_no_rule_reads_is_exit_2(tmp_path):
    # "skip-link-phrase" (a typo) extended a list nobody reads, silently
    pack = write(tmp_path, '[wordlists]\nskip-link-phrase = ["vers l\'article"]\n', "words.toml")
    page = write(tmp_path, "<html><body></body></html>", "p.html")
    res = CliRunner().invoke(main, ["check", "--isolated", "--rules", str(pack), str(page)])
    assert res.exit_code == 2
    assert res.stderr.startswith(
        f"a11ylint: error: {pack}: wordlists.skip-link-phrase: no rule reads a word list of "
        "that name (known: img-alt-announced-prefixes, ")
    assert "skip-link-phrases)" in res.stderr


def test_a_word_list_a_plugin_rule_declares_may_be_defined(tmp_path, monkeypatch):
    import a11ylint.rules as rules_mod
    from a11ylint.engine import Engine
    from a11ylint.rules.base import Rule
    from a11ylint.settings import Settings

    class HouseStyle(Rule):
        id, family, summary = "house-style", "house", "House words"
        wordlists = ("house-banned-words",)

        def prepare(self, wordlists, settings):
            self.banned = wordlists.get("house-banned-words")

        def check(self, page):
            return ()

    builtin = rules_mod.builtin_rules
    monkeypatch.setattr(rules_mod, "builtin_rules", lambda: [*builtin(), HouseStyle])
    pack = write(tmp_path, '[wordlists]\nhouse-banned-words = ["click here"]\n', "house.toml")
    eng = Engine(Settings(rules=[str(pack)], select=["house-style"]))
    assert eng.rules[0].banned == ["click here"]


def test_cli_unknown_pack_name_is_exit_2(tmp_path):
    page = write(tmp_path, "<html><body></body></html>", "p.html")
    res = CliRunner().invoke(main, ["check", "--isolated", "--rules", "legal/nope", str(page)])
    assert res.exit_code == 2
    assert "rule pack 'legal/nope' not found" in res.stderr


def test_cli_check_with_shipped_pack(tmp_path):
    page = write(tmp_path, '<html lang="de-AT">\n<body>\n<p>Kontakt</p>\n</body></html>', "p.html")
    res = CliRunner().invoke(main, ["check", "--isolated", "--rules", "legal/imprint",
                                    "--select", "legal", "-f", "json", str(page)])
    assert res.exit_code == 1, res.output
    assert "legal-imprint" in res.stdout and "Impressum" in res.stdout


def test_a_run_records_shipped_packs_by_name_and_others_by_path(tmp_path):
    # a saved run names shipped packs as --rules takes them, so a report
    # rendered on another machine finds them under any installation's path
    own = write(tmp_path, GOOD)
    assert load_packs(["legal/privacy", str(own), "legal/imprint.toml"]).files == [
        "legal/privacy", str(own), "legal/imprint"]
    page = write(tmp_path, '<html lang="de">\n<body>\n<p>Kontakt</p>\n</body></html>', "p.html")
    out = tmp_path / "run.json"
    res = CliRunner().invoke(main, ["check", "--isolated", "--rules", "legal", "-f", "json",
                                    "-o", str(out), str(page)])
    assert res.exit_code == 1, res.output
    run = json.loads(out.read_text(encoding="utf-8"))["run"]
    assert run["packs"] == ["legal/accessibility-statement", "legal/foreign-agent",
                            "legal/imprint", "legal/privacy", "legal/rferl-russia",
                            "legal/sponsored"]
    found = json.loads(out.read_text(encoding="utf-8"))["pages"][0]["findings"]
    assert [(f["rule"], f["context"]["pack"]) for f in found if f["rule"] != "heading-one"] == [
        ("legal-accessibility-statement", "legal/accessibility-statement"),
        ("legal-imprint", "legal/imprint"), ("legal-privacy-policy", "legal/privacy")]
    # the rule list names it so too; explain also says where the file is
    res = CliRunner().invoke(main, ["rules", "--rules", "legal/imprint"])
    [line] = [ln for ln in res.stdout.splitlines() if ln.startswith("legal-imprint ")]
    assert line.endswith("[legal/imprint]")
    res = CliRunner().invoke(main, ["explain", "legal-imprint"])
    assert "Origin: legal/imprint\n" in res.stdout
    assert "Definition (from legal/imprint, the file " in res.stdout


def test_cli_rules_lists_pack_origin(tmp_path):
    p = write(tmp_path, GOOD)
    res = CliRunner().invoke(main, ["rules", "--rules", str(p)])
    assert res.exit_code == 0
    [line] = [ln for ln in res.stdout.splitlines() if ln.startswith("legal-imprint-test")]
    assert line.endswith(f"[{p}]")


def test_cli_explain_shows_definition():
    res = CliRunner().invoke(main, ["explain", "legal-imprint"])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert out.startswith("legal-imprint (error) - German-language pages must link")
    assert "imprint.toml" in out and "Definition (from " in out
    assert 'when.lang = ["de"]' in out and 'text = ["Impressum", "Anbieterkennzeichnung"]' in out
    assert "Fails:" in out and "Passes:" in out
