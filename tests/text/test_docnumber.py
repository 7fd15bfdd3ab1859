from gazette.text.docnumber import (
    DocNumber,
    doc_number_prefix,
    find_doc_numbers,
    known_prefixes,
    normalise_doc_number,
    parse_loose,
)


def test_every_notation_normalises_to_the_official_form():
    for printed in ("阳政办发〔2020〕73 号", "阳政办发[2020]73号", "阳政办发（2020）73号", "阳政办发【2020】73号",
                    "阳政办发 〔 2020 〕 73 号", "阳政办发(2020)73号"):
        assert normalise_doc_number(printed) == "阳政办发〔2020〕73号", printed


def test_government_order_numbers():
    assert normalise_doc_number("晋中市人民政府令第3号") == "晋中市人民政府令第3号"
    found = find_doc_numbers("交通运输部《巡游出租汽车经营服务管理规定》(交通运输部令 2016 年第 64 号)")
    assert [m.number.normalised for m in found] == ["交通运输部令2016年第64号"]


def test_numbers_in_running_text_keep_only_their_prefix():
    text = ("省开发区建设工作领导小组办公室《关于印发2020年全省开发区工作要点的通知》（晋开办〔2020〕2号）精神，"
            "依据阳政发〔2020〕7号文件，落实（国卫办老龄发〔2019〕17号）")
    assert [m.number.normalised for m in find_doc_numbers(text)] == [
        "晋开办〔2020〕2号", "阳政发〔2020〕7号", "国卫办老龄发〔2019〕17号"]
    # the span is the 文号 as printed, so it can become a link in place
    match = find_doc_numbers("按照(阳政办发〔2017〕4 号)文件")[0]
    assert match.raw == "阳政办发〔2017〕4 号"


def test_readers_partial_forms_match_the_right_document():
    target = DocNumber("阳政办函", 2020, 117)
    assert parse_loose("政办函117号")[0].matches(target)
    assert parse_loose("阳政办函〔2020〕117号")[0].matches(target)
    assert not parse_loose("政办函118号")[0].matches(target)
    # 政发 is a substring of 阳政发 but not of 阳政办发
    assert parse_loose("政发8号")[0].matches(DocNumber("阳政发", 2020, 8))
    assert not parse_loose("政发8号")[0].matches(DocNumber("阳政办发", 2020, 8))
    assert parse_loose("阳政办发 2020 年 76 号")[0] == DocNumber("阳政办发", 2020, 76)
    assert not parse_loose("阳政办发〔2019〕76号")[0].matches(DocNumber("阳政办发", 2020, 76))


def test_prefix_of_a_normalised_doc_number():
    assert doc_number_prefix("阳政办发〔2020〕73号") == "阳政办发"
    assert doc_number_prefix("晋中市人民政府令第3号") is None
    assert known_prefixes(["阳政办发〔2020〕73号", None, "阳政发〔2020〕6号", "晋中市人民政府令第3号",
                           "阳政发〔2019〕1号"]) == frozenset({"阳政办发", "阳政发"})
