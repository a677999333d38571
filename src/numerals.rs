//! Chinese and Arabic numerals to values: 十二 → 12, 一百零五 → 105, 两千五百 → 2500, 3.5万 → 35000.
