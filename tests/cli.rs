//! The binary on fixture folders: exact results, exact error lines, exit
//! codes, and the safety of the output folder.

mod common;
use common::*;

#[test]
fn small_fixture_builds_to_the_hand_computed_results() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let run = kaoping(&["build", "--content", "tests/fixtures/small", "--output", target.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, read("tests/expected/small/check.stderr"));
    let json = std::fs::read_to_string(target.join("results.json")).unwrap();
    assert_eq!(json, read("tests/expected/small/results.json"));
    let csv = std::fs::read_to_string(target.join("results.csv")).unwrap();
    assert_eq!(csv, read("tests/expected/small/results.csv"));
    // By hand: 南城市 8.35 (1.17), 东城市 3.75 (0.525 → 0.53), 北城市 5.1 − 1.5 = 3.6 (0.5).
    assert!(csv.starts_with("\u{feff}排名,城市,基础得分,扣分,总分,折算得分,自评总分\r\n"));
    assert!(
        csv.contains(
            "1,南城市,8.35,0,8.35,1.17,8.6\r\n2,东城市,3.75,0,3.75,0.53,0\r\n3,北城市,5.1,1.5,3.6,0.5,8.6\r\n"
        )
    );
}

#[test]
fn the_sample_province_is_pinned() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let run = kaoping(&["build", "--output", target.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(target.join("results.csv")).unwrap(), read("tests/expected/sample/results.csv"));
    assert_eq!(
        std::fs::read_to_string(target.join("results.json")).unwrap(),
        read("tests/expected/sample/results.json")
    );
}

#[test]
fn check_reports_every_error_in_the_entries_with_line_and_column() {
    let run = kaoping(&["check", "--content", "tests/fixtures/broken-entries"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, read("tests/expected/broken-entries.stderr"));
    assert!(run.stderr.contains(
        "error: tests/fixtures/broken-entries/units/office.yaml:5:34: unknown rule \"lte\" for item 1.1 (known: no-doc, no-plan)\n"
    ));
    assert_eq!(run.stdout, "21 errors: nothing was written, no site was changed\n");
}

#[test]
fn check_reports_every_error_in_the_standard() {
    let run = kaoping(&["check", "--content", "tests/fixtures/broken-standard"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, read("tests/expected/broken-standard.stderr"));
}

#[test]
fn yaml_problems_are_located() {
    let dir = fixture(
        "small",
        &[
            ("cities/north.yaml", Some(b"submitted: 2014-01-08\nitems:\n  \"1.1\": { findings: [ }\n")),
            ("cities/south.yaml", Some(b"submitted: 2014-01-08\nsubmitted: 2014-01-09\n")),
            ("units/police.yaml", Some(b"submitted: 2014-02-01\ncities:\n  north: !!python/object x\n")),
        ],
    );
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let got = lines(&run.stderr, dir.path());
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(got[0].starts_with("error: C/cities/north.yaml:3:"), "{}", got[0]);
    assert!(got[1].starts_with("error: C/cities/south.yaml:2:1: the key submitted appears twice here"), "{}", got[1]);
    assert!(got[2].starts_with("error: C/units/police.yaml:3:"), "{}", got[2]);
}

#[test]
fn a_gbk_file_is_named_with_advice() {
    // "submitted: 2014-01-08\nreport: 北城" with the two characters in GBK.
    let mut gbk = b"submitted: 2014-01-08\nreport: ".to_vec();
    gbk.extend_from_slice(&[0xB1, 0xB1, 0xB3, 0xC7, b'\n']);
    let dir = fixture("small", &[("cities/north.yaml", Some(&gbk))]);
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, dir.path()),
        [
            "error: C/cities/north.yaml:2:9: the file is not UTF-8 text (it may have been saved as GBK/ANSI); open it and save it as UTF-8"
        ]
    );
}

#[test]
fn bom_crlf_and_unquoted_item_ids_are_accepted() {
    let text = "\u{feff}submitted: 2014-01-08\r\nitems:\r\n  1.1: { findings: [] }\r\n  \"1.3\": { score: 2 }\r\n";
    let dir = fixture("small", &[("cities/north.yaml", Some(text.as_bytes()))]);
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn file_names_must_be_roster_ids() {
    let dir = fixture(
        "small",
        &[
            ("cities/North.yaml", Some(b"submitted: 2014-01-08\n")),
            ("cities/con.yaml", Some(b"submitted: 2014-01-08\n")),
            ("cities/west.yml", Some(b"submitted: 2014-01-08\n")),
            ("cities/notes.txt", Some(b"hello")),
        ],
    );
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    let got = lines(&run.stderr, dir.path());
    assert_eq!(
        got,
        [
            "error: C/cities/North.yaml: the file name \"North\" is not a valid id: use 1 to 64 lower-case letters a-z, digits and '-', starting with a letter or digit",
            "error: C/cities/con.yaml: the file name \"con\" is a name Windows reserves for devices; choose another id",
            "error: C/cities/west.yml: rename the file to end in .yaml (lower case); kaoping reads only .yaml files",
            "warning: C/cities/notes.txt: ignored: not a .yaml file",
        ]
    );
}

#[test]
fn missing_files_are_reported() {
    let dir = fixture("small", &[("standard.md", None), ("site.yaml", None)]);
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, dir.path()),
        ["error: C/site.yaml: the file is missing", "error: C/standard.md: the file is missing"]
    );
}

#[test]
fn usage_errors_exit_2() {
    let run = kaoping(&["check", "--content", "no/such/folder"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "error: no/such/folder: the content folder does not exist; give it with --content DIR\n")
    );
    assert_eq!(kaoping(&["build", "--bogus"]).code, 2);
    assert_eq!(kaoping(&[]).code, 2);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let t = target.to_str().unwrap();
    assert_eq!(kaoping(&["build", "--content", "tests/fixtures/small", "--output", t]).code, 0);
    let before = snapshot(&target);
    let run = kaoping(&["build", "--content", "tests/fixtures/broken-entries", "--output", t]);
    assert_eq!(run.code, 1);
    assert_eq!(snapshot(&target), before);
    // Nothing is left beside it either, not even the lock file.
    let mut names: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["site"]);
}

#[test]
fn a_folder_of_someone_elses_files_is_refused() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("thesis.docx"), b"precious").unwrap();
    let t = out.path().to_str().unwrap();
    let run = kaoping(&["build", "--content", "tests/fixtures/small", "--output", t]);
    assert_eq!(run.code, 2);
    assert_eq!(
        lines(&run.stderr, out.path()),
        [
            "error: C: this folder has files that kaoping did not make (it has no .kaoping-output file); kaoping will not replace it. Choose another --output, or empty the folder"
        ]
    );
    assert_eq!(snapshot(out.path()), [("thesis.docx".to_string(), b"precious".to_vec())]);
}

#[test]
fn the_output_may_not_be_the_content_folder() {
    let dir = fixture("small", &[]);
    let c = dir.path().to_str().unwrap();
    let inside = dir.path().join("out");
    for target in [c, inside.to_str().unwrap()] {
        let run = kaoping(&["build", "--content", c, "--output", target]);
        assert_eq!(run.code, 2, "{target}");
        assert!(run.stderr.contains("must not be the content folder"));
    }
}

#[test]
fn two_builds_are_byte_identical_and_an_empty_folder_is_accepted() {
    let out = tempfile::tempdir().unwrap();
    // Folders of the same name (the marker records it) in two places.
    let (a, b) = (out.path().join("a/site"), out.path().join("b/site"));
    std::fs::create_dir_all(&b).unwrap();
    for t in [&a, &b] {
        assert_eq!(kaoping(&["build", "--output", t.to_str().unwrap()]).code, 0);
    }
    assert_eq!(snapshot(&a), snapshot(&b));
    // A rebuild over kaoping's own output replaces it.
    assert_eq!(kaoping(&["build", "--output", a.to_str().unwrap()]).code, 0);
    assert_eq!(snapshot(&a), snapshot(&b));
}

#[test]
fn the_unit_id_self_is_reserved() {
    let site =
        read("tests/fixtures/small/site.yaml").replace("{ id: office, name: 办公室 }", "{ id: self, name: 办公室 }");
    let dir = fixture("small", &[("site.yaml", Some(site.as_bytes()))]);
    let run = kaoping(&["check", "--content", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert_eq!(
        lines(&run.stderr, dir.path())[0],
        "error: C/site.yaml:12:11: unit id \"self\" is reserved: it marks a city's own self-assessment; choose another id"
    );
}
