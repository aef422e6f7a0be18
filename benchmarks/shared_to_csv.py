"""Write the shared public data sets as labelled CSVs for `brandpulse evaluate` / `train` (outside the repo).

python benchmarks/shared_to_csv.py /tmp/bp-data
-> tweeteval_val.csv, tweeteval_test.csv (text,label: 0 negative, 1 neutral, 2 positive)
   vader_tweets.csv, vader_amazon.csv, vader_movie.csv, vader_nyt.csv (text,score: -4..4)
"""

from __future__ import annotations

import sys
from pathlib import Path

from shared_data import require_dir, tweeteval, vader_truth


def main() -> None:
    if len(sys.argv) > 2 or sys.argv[1:2] in (["-h"], ["--help"]):
        raise SystemExit(__doc__)
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    data = require_dir()
    for split in ("val", "test"):
        tweeteval(data, split)[["text", "label"]].to_csv(out / f"tweeteval_{split}.csv", index=False)
    for name, short in (
        ("tweets", "tweets"),
        ("amazonReviewSnippets", "amazon"),
        ("movieReviewSnippets", "movie"),
        ("nytEditorialSnippets", "nyt"),
    ):
        vader_truth(data, name).to_csv(out / f"vader_{short}.csv", index=False)
    print(f"wrote {out}/tweeteval_{{val,test}}.csv and vader_{{tweets,amazon,movie,nyt}}.csv", file=sys.stderr)


if __name__ == "__main__":
    main()
