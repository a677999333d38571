//! Chinese and Arabic numerals to values: 十二 → 12, 一百零五 → 105, 两千五百 → 2500, 一万二 → 12000,
//! 三五 → 3..5, 十几 → 11..19, 二〇二三 → the digit string 2023, `1,234.5` → 1234.5.
//!
//! Values are kept as a [`Num`] (an integer mantissa and a decimal scale) so that 3.5万 and 1.2亿
//! come out exact: 35 × 10⁴ / 10 is exact in `f64`, while 3.5 × 10⁴ only happens to be.
//! Nothing here knows about units or context; [`crate::figures`] decides what is a figure.

/// A number as written: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub mantissa: f64,
    pub scale: u32,
}

impl Num {
    pub fn int(v: f64) -> Num {
        Num { mantissa: v, scale: 0 }
    }

    pub fn value(self) -> f64 {
        self.times(1.0)
    }

    /// The number multiplied by `m`, rounding once.
    pub fn times(self, m: f64) -> f64 {
        if self.scale == 0 {
            self.mantissa * m
        } else {
            self.mantissa * m / 10f64.powi(self.scale as i32)
        }
    }
}

/// Value of a Chinese digit: 零/〇 → 0, 一 → 1, 二/两 → 2 … 九 → 9.
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a Chinese place or magnitude character: 十 百 千 万 亿.
pub fn cn_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1000.0,
        '万' => 1e4,
        '亿' => 1e8,
        _ => return None,
    })
}

/// A character that can be part of a Chinese numeral (几 included: 十几, 几千).
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some() || c == '几'
}

/// The magnitude words that may follow an Arabic number (3.5万, 1.2亿, 5百万).
pub fn magnitude(c: char) -> Option<f64> {
    match c {
        '百' | '千' | '万' | '亿' => cn_unit(c),
        _ => None,
    }
}

/// A Chinese numeral, parsed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CnNum {
    pub num: Num,
    /// Upper end of a vague number: 三五 → 5, 十几 → 19, 几千 → 9000.
    pub max: Option<f64>,
    /// Vague by its form: adjacent digits (三五, 七八十) or 几.
    pub approx: bool,
    /// Written digit by digit with no place characters (二〇二三): a year or a code, not a count.
    pub digit_string: bool,
}

/// Parses a whole run of Chinese numeral characters (点 allowed as a decimal point). `None` when the
/// run is not one well-formed numeral (十百, 四五六, 几几).
pub fn parse_chinese(s: &[char]) -> Option<CnNum> {
    if s.is_empty() {
        return None;
    }
    if let Some(k) = s.iter().position(|&c| c == '几') {
        return parse_vague(s, k);
    }
    if s.len() >= 2 && s.iter().all(|&c| cn_digit(c).is_some()) {
        if let Some(r) = parse_adjacent(s) {
            return Some(r);
        }
        let v = s.iter().try_fold(0f64, |acc, &c| cn_digit(c).map(|d| acc * 10.0 + d as f64))?;
        return Some(CnNum { num: Num::int(v), max: None, approx: false, digit_string: true });
    }
    if let Some(r) = parse_adjacent(s) {
        return Some(r);
    }
    let num = parse_decimal(s)?;
    Some(CnNum { num, max: None, approx: false, digit_string: false })
}

/// 三点五 → 3.5, 三点五万 → 35000, or a plain numeral.
fn parse_decimal(s: &[char]) -> Option<Num> {
    let Some(p) = s.iter().position(|&c| c == '点') else {
        return parse_standard(s).map(Num::int);
    };
    let int = parse_standard(&s[..p])?;
    let frac = &s[p + 1..];
    let digits = frac.iter().take_while(|&&c| cn_digit(c).is_some()).count();
    if digits == 0 || digits > 15 {
        return None;
    }
    let mult = match &frac[digits..] {
        [] => 1.0,
        ['万'] => 1e4,
        ['亿'] => 1e8,
        ['万', '亿'] => 1e12,
        _ => return None,
    };
    let mut mantissa = int;
    for &c in &frac[..digits] {
        mantissa = mantissa * 10.0 + cn_digit(c)? as f64;
    }
    Some(Num { mantissa: mantissa * mult, scale: digits as u32 })
}

/// A numeral built of digits and place characters: 十二, 一百零五, 两千五百, 三百亿, 一万二(千).
fn parse_standard(s: &[char]) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0f64; // finished 亿 groups
    let mut section = 0f64; // finished 万 groups inside the current 亿 group
    let mut cur = 0f64; // inside the current 万 group
    let mut digit: Option<u32> = None;
    let mut zero = false;
    let mut last_small = 0f64; // 十/百/千 last seen in this 万 group: they must decrease
    let mut last_unit = 0f64; // last place of any size, for the elided tail of 一万二 / 三千五
    let mut wan_seen = false;
    for (k, &c) in s.iter().enumerate() {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() {
                return None; // adjacent digits are not a standard numeral
            }
            if d == 0 {
                zero = true;
            } else {
                digit = Some(d);
            }
            continue;
        }
        let m = cn_unit(c)?;
        match c {
            '十' | '百' | '千' => {
                if last_small != 0.0 && m >= last_small {
                    return None;
                }
                let d = match digit {
                    Some(d) => d,
                    // 十二, 一百一十 and 两万十… read 十 as 一十; 百 and 千 need their digit.
                    None if c == '十' && (k == 0 || zero || last_small == 0.0) => 1,
                    None => return None,
                };
                cur += d as f64 * m;
                last_small = m;
            }
            '万' => {
                let g = cur + digit.unwrap_or(0) as f64;
                if g == 0.0 || wan_seen {
                    return None;
                }
                section += g * m;
                cur = 0.0;
                last_small = 0.0;
                wan_seen = true;
            }
            _ => {
                let g = section + cur + digit.unwrap_or(0) as f64;
                if g == 0.0 {
                    return None;
                }
                total += g * m;
                section = 0.0;
                cur = 0.0;
                last_small = 0.0;
                wan_seen = false;
            }
        }
        digit = None;
        zero = false;
        last_unit = m;
    }
    if let Some(d) = digit {
        // 一万二 = 12000, 三千五 = 3500: a bare digit after a place counts one place lower.
        let place = if !zero && last_unit >= 100.0 { last_unit / 10.0 } else { 1.0 };
        cur += d as f64 * place;
    }
    Some(total + section + cur)
}

/// Two adjacent digits as an approximate number (GB/T 15835-2011 §4.1.3): 三五 → 3..5, 七八十 →
/// 70..80, 十七八 → 17..18, 一两 → 1..2. The second digit must be one or two above the first.
fn parse_adjacent(s: &[char]) -> Option<CnNum> {
    let is_pair = |k: usize| matches!((cn_digit(s[k - 1]), cn_digit(s[k])), (Some(a), Some(b)) if a > 0 && b > 0);
    let mut pairs = (1..s.len()).filter(|&k| is_pair(k));
    let (Some(k), None) = (pairs.next(), pairs.next()) else { return None };
    let (a, b) = (cn_digit(s[k - 1])?, cn_digit(s[k])?);
    if !(b == a + 1 || b == a + 2) {
        return None;
    }
    let lo: Vec<char> = s.iter().enumerate().filter(|&(j, _)| j != k).map(|(_, &c)| c).collect();
    let hi: Vec<char> = s.iter().enumerate().filter(|&(j, _)| j != k - 1).map(|(_, &c)| c).collect();
    let (lo, hi) = (parse_standard(&lo)?, parse_standard(&hi)?);
    Some(CnNum { num: Num::int(lo), max: Some(hi), approx: true, digit_string: false })
}

/// 十几 → 11..19, 几十 → 20..90, 几千 → 2000..9000, 二十几万 → 210000..290000.
fn parse_vague(s: &[char], k: usize) -> Option<CnNum> {
    if s.iter().filter(|&&c| c == '几').count() != 1 {
        return None;
    }
    // 几 leading a place (几十, 几千, 几万) is "a few", at least two; as a units digit (十几, 二十几万)
    // it is any digit.
    let before_place = match s.get(k + 1) {
        Some('十' | '百' | '千') => true,
        Some('万' | '亿') => k == 0,
        _ => false,
    };
    if !before_place && k == 0 {
        return None; // a bare 几 (几个, 几次) is not a number
    }
    let with = |d: char| -> Option<f64> {
        let t: Vec<char> = s.iter().map(|&c| if c == '几' { d } else { c }).collect();
        parse_standard(&t)
    };
    let lo = with(if before_place { '二' } else { '一' })?;
    let hi = with('九')?;
    Some(CnNum { num: Num::int(lo), max: Some(hi), approx: true, digit_string: false })
}

/// An Arabic number read from `chars[start..]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arabic {
    /// One past the last char of the number (digits, separators, decimal part).
    pub end: usize,
    /// `None` when the digits are no quantity: too many to be one (an id, a code).
    pub num: Option<Num>,
}

/// Most integer digits a quantity has; longer runs are ids, phone numbers or codes.
pub const MAX_INT_DIGITS: usize = 15;

/// Reads an Arabic number at `start` (which must be an ASCII digit): digits, thousands separators
/// (`,` or `，`, only before groups of exactly three digits and after a first group of at most three),
/// and a decimal part. Linear in the length of the run; never fails to advance.
pub fn parse_arabic(chars: &[char], start: usize) -> Arabic {
    /// Digits kept in the mantissa: more than `f64` holds exactly are dropped (from the fraction).
    const KEPT: u32 = 17;
    let n = chars.len();
    let digit = |i: usize| i < n && chars[i].is_ascii_digit();
    let mut mantissa = 0f64;
    let mut kept = 0u32;
    let mut take = |c: char| -> bool {
        if kept < KEPT {
            mantissa = mantissa * 10.0 + (c as u32 - '0' as u32) as f64;
            kept += 1;
            true
        } else {
            false
        }
    };
    let mut i = start;
    while digit(i) {
        take(chars[i]);
        i += 1;
    }
    let mut int_digits = i - start;
    // Thousands separators: ",ddd" repeated, each group exactly three digits, after at most three.
    if int_digits <= 3 {
        while i < n && matches!(chars[i], ',' | '，') && (1..=3).all(|k| digit(i + k)) && !digit(i + 4) {
            chars[i + 1..i + 4].iter().for_each(|&c| {
                take(c);
            });
            int_digits += 3;
            i += 4;
        }
    }
    let mut scale = 0u32;
    if i + 1 < n && chars[i] == '.' && digit(i + 1) {
        i += 1;
        while digit(i) {
            scale += u32::from(take(chars[i]));
            i += 1;
        }
    }
    if int_digits > MAX_INT_DIGITS {
        return Arabic { end: i, num: None };
    }
    Arabic { end: i, num: Some(Num { mantissa, scale }) }
}

/// The number as written at the start of a figure's text, before any magnitude word: 50亿元 → 50,
/// 3.5万人 → 3.5, 三百亿元 → 300, 八成 → 8, 百分之三十 → 30. Approximation words in front (约, 超过)
/// and 百分之 are skipped. Used to judge whether a figure "looks round". `chars` are folded (as in
/// `Doc::chars`).
pub fn written_number(chars: &[char]) -> Option<f64> {
    let mut i = 0;
    while i < chars.len() {
        // A slice pattern compares chars one by one; `starts_with` would call memcmp at every char.
        if matches!(chars[i..], ['百', '分', '之', ..]) {
            i += 3;
            break;
        }
        if chars[i].is_ascii_digit() || cn_digit(chars[i]).is_some() || matches!(chars[i], '十' | '几') {
            break;
        }
        i += 1;
    }
    let c = *chars.get(i)?;
    if c.is_ascii_digit() {
        return parse_arabic(chars, i).num.map(Num::value);
    }
    let end = i + chars[i..].iter().take_while(|&&c| is_cn_numeral(c) || c == '点').count();
    let mut run = &chars[i..end];
    if run == ['百'] {
        return Some(100.0); // 百分之百
    }
    // Strip a trailing magnitude so 三百亿 reads as 300 (of 亿), as 300亿 would.
    while let [rest @ .., '万' | '亿'] = run {
        if rest.is_empty() {
            break;
        }
        run = rest;
    }
    parse_chinese(run).map(|c| c.num.value())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cn(s: &str) -> Option<(f64, Option<f64>, bool, bool)> {
        let v: Vec<char> = s.chars().collect();
        parse_chinese(&v).map(|c| (c.num.value(), c.max, c.approx, c.digit_string))
    }

    #[test]
    fn standard_chinese_numerals() {
        let cases: &[(&str, f64)] = &[
            ("零", 0.0),
            ("〇", 0.0),
            ("一", 1.0),
            ("十", 10.0),
            ("十二", 12.0),
            ("二十", 20.0),
            ("二十三", 23.0),
            ("一百零五", 105.0),
            ("一百一十", 110.0),
            ("两千五百", 2500.0),
            ("三千零五十", 3050.0),
            ("三百亿", 3e10),
            ("一万二千", 12000.0),
            ("一万二", 12000.0),
            ("三千五", 3500.0),
            ("两百五", 250.0),
            ("十万", 1e5),
            ("一百万", 1e6),
            ("三万亿", 3e12),
            ("一亿二", 1.2e8),
            ("四亿五千万", 4.5e8),
            ("三点五", 3.5),
            ("三点五万", 35000.0),
            ("二十点零五", 20.05),
        ];
        for &(s, want) in cases {
            assert_eq!(cn(s), Some((want, None, false, false)), "{s}");
        }
    }

    #[test]
    fn malformed_runs_are_not_numerals() {
        for s in ["十百", "百", "千五", "万一", "几", "几几", "一万万", "一点", "十四五六"] {
            assert_eq!(cn(s), None, "{s}");
        }
        // Runs of three or more bare digits are digit strings (codes, years), never counts.
        assert_eq!(cn("四五六"), Some((456.0, None, false, true)));
    }

    #[test]
    fn vague_and_adjacent_numerals_are_ranges() {
        let cases: &[(&str, f64, f64)] = &[
            ("三五", 3.0, 5.0),
            ("一两", 1.0, 2.0),
            ("七八十", 70.0, 80.0),
            ("十七八", 17.0, 18.0),
            ("十五六", 15.0, 16.0),
            ("三四百", 300.0, 400.0),
            ("十几", 11.0, 19.0),
            ("几十", 20.0, 90.0),
            ("几千", 2000.0, 9000.0),
            ("二十几万", 210000.0, 290000.0),
        ];
        for &(s, lo, hi) in cases {
            assert_eq!(cn(s), Some((lo, Some(hi), true, false)), "{s}");
        }
    }

    #[test]
    fn digit_strings_are_marked() {
        assert_eq!(cn("二〇二三"), Some((2023.0, None, false, true)));
        assert_eq!(cn("二〇三五"), Some((2035.0, None, false, true)));
        assert_eq!(cn("二三"), Some((2.0, Some(3.0), true, false)), "two adjacent digits read as a vague number");
    }

    fn ar(s: &str) -> (usize, Option<f64>) {
        let v: Vec<char> = s.chars().collect();
        let a = parse_arabic(&v, 0);
        (a.end, a.num.map(Num::value))
    }

    #[test]
    fn arabic_numbers() {
        let cases: &[(&str, usize, Option<f64>)] = &[
            ("12次", 2, Some(12.0)),
            ("1,234.5亿", 7, Some(1234.5)),
            ("1，234人", 5, Some(1234.0)),
            ("12,345,678元", 10, Some(12345678.0)),
            ("1,23人", 1, Some(1.0)),
            ("1234,567", 4, Some(1234.0)),
            ("1,2345", 1, Some(1.0)),
            ("3.5万", 3, Some(3.5)),
            ("1.加强", 1, Some(1.0)),
            ("1.2.3", 3, Some(1.2)),
            ("0.1", 3, Some(0.1)),
            ("2023年", 4, Some(2023.0)),
        ];
        for &(s, end, v) in cases {
            assert_eq!(ar(s), (end, v), "{s}");
        }
    }

    #[test]
    fn very_long_digit_runs_are_codes() {
        let s = "9".repeat(100_000);
        assert_eq!(ar(&s), (100_000, None));
        assert_eq!(ar("13800138000"), (11, Some(13800138000.0)));
        assert_eq!(ar("1234567890123456").1, None);
    }

    #[test]
    fn scaled_values_are_exact() {
        let n = Num { mantissa: 12.0, scale: 1 };
        assert_eq!(n.times(1e8), 1.2e8);
        assert_eq!(Num { mantissa: 35.0, scale: 1 }.times(1e4), 35000.0);
        assert_eq!(Num::int(50.0).times(1e8), 5e9);
    }

    #[test]
    fn written_number_ignores_magnitude_and_approx_words() {
        let cases: &[(&str, f64)] = &[
            ("50亿元", 50.0),
            ("3.5万人", 3.5),
            ("三百亿元", 300.0),
            ("八成左右", 8.0),
            ("超过2余次", 2.0),
            ("百分之三十", 30.0),
            ("百分之百", 100.0),
            ("约1,200人", 1200.0),
            ("二十余次", 20.0),
        ];
        for &(s, want) in cases {
            let chars: Vec<char> = s.chars().map(crate::normalise::fold).collect();
            assert_eq!(written_number(&chars), Some(want), "{s}");
        }
    }
}
