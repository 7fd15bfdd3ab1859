from gazette.search.tokenize import IndexTokenizer, normalise, quoted_terms, runs


def test_normalise_folds_width_case_roman_numerals_and_pdf_spaces():
    assert normalise("决策草案等材料应当提前 3 日送与会代表") == "决策草案等材料应当提前3日送与会代表"
    assert normalise("Ⅳ级应急响应") == "iv级应急响应"
    assert normalise("ＰＰＰ项目（２０２０）") == "ppp项目(2020)"
    assert normalise("JT/T 905") == "jt/t 905"  # spaces between ASCII words stay


def test_runs():
    assert list(runs(normalise("0.0314 万亩、90%，PPP项目 2023年年底"))) == [
        ("num", "0.0314"), ("cjk", "万亩"), ("num", "90"), ("word", "ppp"), ("cjk", "项目"), ("num", "2023"),
        ("cjk", "年年底")]


def test_quoted_terms_split_at_punctuation():
    text = "构建“家庭为主、托育补充，政策引导”的体系，按照“一局一委一中心一公司”的架构"
    assert list(quoted_terms(text)) == ["家庭为主", "托育补充", "政策引导", "一局一委一中心一公司"]


def test_index_tokenizer_uses_the_knowledge_base_words():
    tokenizer = IndexTokenizer(["一局一委一中心一公司", "市规自局", "张淑芳"])
    terms = tokenizer.terms("我市按照“一局一委一中心一公司”的架构，联系人：张淑芳，市规自局负责")
    assert {"一局一委一中心一公司", "张淑芳", "市规自局"} <= set(terms)
    assert "的" not in terms
