# The baseline agent: submits the competition's sample submission unchanged, so its grade is
# the sample's own score (what any real agent must beat). MLE-bench's layout: the public data
# in /home/data, the answer in /home/submission/submission.csv.
set -eu
cp /home/data/sample_submission.csv /home/submission/submission.csv
/home/validate_submission.sh /home/submission/submission.csv > /home/logs/validate.txt
echo "submitted the sample submission of $COMPETITION_ID (seed $MLEPKG_SEED)"
