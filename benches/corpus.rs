//! A deterministic news-like corpus for the benchmarks: sentences written
//! for newslint's benchmarks plus the sentences of `samples/*.txt`,
//! shuffled with a fixed seed into paragraphs of three to five sentences
//! until the text reaches the size asked for. Same size, same bytes, on
//! every machine: nothing large is committed.
//!
//! Used by `benches/*.rs` (through `#[path]`) and by
//! `examples/gen_corpus.rs`, which writes it for `tools/bench-peers.sh`.

#![allow(dead_code)]

/// Sentences in agency style, with the slips a desk meets: non-words
/// (`goverment`, `recieved`), a repeated word, a dash run into a hyphen,
/// straight and curly quotes, names the lexicon lacks.
const SENTENCES: &[&str] = &[
    "LAGOS, Nigeria (Newswire) – Heavy rain flooded parts of the city on Monday, cutting roads to the airport and forcing schools to close, emergency officials said.",
    "The state emergency agency said 14 people had been rescued from collapsed homes in the Ajegunle district overnight.",
    "“We have never seen water rise this fast,” said Adebayo Okonkwo, a trader whose shop was submerged.",
    "Forecasters expect more rain through Wednesday, and the agency urged residents of low-lying areas to move to higher ground.",
    "The central bank raised its benchmark rate by half a percentage point to 5.25 per cent on Thursday, its third increase this year.",
    "Analysts had expected a smaller move after inflation eased slightly in March, according to a Newswire poll of 23 economists.",
    "The governor told reporters the bank would “do whatever is needed” to bring prices under control before the end of the year.",
    "Shares in lenders rose on the news, while the currency gained 0.8% against the dollar in afternoon trading.",
    "The goverment said it would publish its budget plans next month, earlier than usual, to reassure investors.",
    "Opposition lawmakers called the decision a mistake and said households were already struggling with higher mortgage payments.",
    "GENEVA (Newswire) – Talks on a ceasefire resumed on Friday after a two-day pause, diplomats said, with both delegations meeting separately with the mediator.",
    "A senior official who asked not to be named said the sides remained far apart on the question of prisoner exchanges.",
    "The United Nations envoy, speaking after the session, described the mood as “constructive but difficult”.",
    "Fighting continued overnight near the border town, where residents reported shelling until the early hours of the morning.",
    "The ministry of health said it had recieved reports of 37 wounded civilians, most of them in the northern suburbs.",
    "Aid groups have warned that fuel and medicine are running short at the town's only hospital.",
    "The company reported a net profit of $4.2 billion for the quarter, up from $3.1 billion a year earlier, beating analysts' forecasts.",
    "Revenue rose 11% to $28.7 billion, driven by strong demand for its cloud services in Europe and Asia.",
    "Chief executive Maria Lindqvist said the firm would hire 2,000 engineers over the next two years.",
    "The stock fell in after-hours trading, however, as the company cut its outlook for the full year.",
    "Police arrested three men after a series of burglaries in the city centre, a spokesman said on Saturday.",
    "The men, aged between 19 and 34, are expected to appear in court on Monday.",
    "Detectives said they were still looking for a fourth suspect and appealed to witnesses to come forward.",
    "The the suspects were caught on security cameras leaving a jewellery shop shortly after midnight.",
    "Organisers said more than 40,000 runners had registered for the marathon, a record for the event.",
    "The race will start at 9 a.m. outside the town hall and finish in the main square, closing several roads until mid-afternoon.",
    "Last year's winner, Kenya's Joseph Kiprotich, has pulled out with an injury, his agent said.",
    "Temperatures are expected to reach 24 degrees Celsius, and the organisers have added extra water stations along the route.",
    "The minister said the new rules would take effect on 1 January and apply to all companies with more than 250 employees.",
    "Business groups welcomed the delay but said the paperwork required was still too heavy for smaller firms.",
    "Unions argued the measures did not go far enough to protect workers on short-term contracts.",
    "The bill passed its first reading by 312 votes to 198 late on Tuesday —- a wider margin than expected.",
    "Scientists said the discovery could help explain how the first cells formed on Earth more than three billion years ago.",
    "The team, led by researchers at the university, published its findings in the journal Nature on Wednesday.",
    "“It is a small step, but an important one,” said Professor Helen Marsh, who was not involved in the study.",
    "Further experiments are planned for next year, subject to funding from the European Research Council.",
    "Wildfires forced the evacuation of several villages in the south of the country on Sunday as strong winds fanned the flames.",
    "Firefighters backed by water-dropping aircraft battled more than 30 separate blazes, the civil protection agency said.",
    "No casualties had been reported by nightfall, but dozens of homes were damaged in the hills above the coast.",
    "The prime minister cut short a trip abroad to chair an emergency meeting in the capital.",
    "The airline said it would cancel about 120 flights on Thursday because of a strike by air traffic controllers.",
    "Passengers were advised to check their booking online before travelling to the airport.",
    "The union said the walkout was over pay and staff shortages, and warned of more strikes in the summer if talks failed.",
    "A spokeswoman for the airport operator said most long-haul services would run as normal.",
    "The museum will reopen in June after a three-year renovation that cost 85 million euros, its director said.",
    "Visitors will be able to see the restored ceiling frescoes for the first time since the 1970s.",
    "Tickets for the first week sold out within hours of going on sale on Monday morning.",
    "The city council approved plans for a new tram line linking the station with the university campus.",
    "Construction is due to begin next spring and take about four years, according to the transport department.",
    "Residents along the route have raised concerns about noise and the loss of parking spaces.",
    "The coach said his team had played its best football of the season and deserved to win.",
    "The visitors took the lead in the 12th minute through a header from their captain, but conceded twice after the break.",
    "The result leaves them three points clear at the top of the table with five games left to play.",
    "More than 1,500 people have been displaced by the fighting, the U.S. State Department said in a statement.",
    "The statement, posted on www.example.org/news and shared by @NewswireDesk, gave no further details.",
    "Officials said the bridge would remain closed while engineers inspected its foundations, possibly for several weeks.",
    "Local businesses said the closure had already cut their takings by half.",
    "The report, commissioned by the ministry, found that one in five schools needed urgent repairs to their roofs.",
    "Teachers' unions said the findings confirmed what staff had been saying for years.",
    "The education minister promised an extra 300 million for school buildings in next year's budget.",
];

/// A small xorshift generator: the corpus must not depend on any crate's
/// idea of randomness.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Sentences of the sample stories (split at `. ` after a lower-case
/// letter, good enough for a benchmark).
fn sample_sentences(root: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for name in ["samples/story.txt", "samples/flood-1000.txt"] {
        let Ok(text) = std::fs::read_to_string(root.join(name)) else {
            continue;
        };
        for para in text.split("\n\n") {
            let para = para.trim();
            let mut start = 0;
            let bytes = para.as_bytes();
            for i in 1..bytes.len().saturating_sub(1) {
                if bytes[i] == b'.' && bytes[i + 1] == b' ' && bytes[i - 1].is_ascii_lowercase() {
                    out.push(para[start..=i].to_string());
                    start = i + 2;
                }
            }
            if start < para.len() {
                out.push(para[start..].to_string());
            }
        }
    }
    out
}

/// At least `bytes` bytes of news-like text, the same on every call.
pub fn news_corpus(bytes: usize) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pool: Vec<String> = SENTENCES.iter().map(|s| s.to_string()).collect();
    pool.extend(sample_sentences(root));
    let mut rng = XorShift(0x5eed_1e55_0b5e_55ed);
    let mut out = String::with_capacity(bytes + 4096);
    while out.len() < bytes {
        let n = 3 + rng.below(3);
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&pool[rng.below(pool.len())]);
        }
        out.push_str("\n\n");
    }
    out
}

/// 5 MB: the size the throughput goal is measured on.
pub const FIVE_MB: usize = 5 * 1024 * 1024;

/// `lines` short lines (about six words each) cut from the news corpus.
pub fn short_lines(lines: usize) -> String {
    let text = news_corpus(lines * 48);
    let mut out = String::with_capacity(lines * 48);
    let mut count = 0;
    for (i, word) in text.split_whitespace().enumerate() {
        if count == lines {
            break;
        }
        out.push_str(word);
        if i % 6 == 5 {
            out.push('\n');
            count += 1;
        } else {
            out.push(' ');
        }
    }
    out
}
