# The learner agent: a small model fitted to /home/data's training set (see learn.py), with
# nothing but the host's python3: no packages to mount into the sandbox.
set -eu
python3 /home/agent/learn.py /home/data /home/submission/submission.csv
/home/validate_submission.sh /home/submission/submission.csv > /home/logs/validate.txt
cat /home/logs/validate.txt
