#!/usr/bin/env bash
# A single-node Slurm cluster for the tests, everything under DIR (as root):
#   slurm-test-cluster.sh start DIR   prints the SLURM_CONF path once the node is idle
#   slurm-test-cluster.sh stop DIR
# munged is shared (it is started when not running); slurmctld and slurmd are DIR's own.
set -euo pipefail
cmd=${1:?usage: slurm-test-cluster.sh start|stop DIR}; dir=${2:?usage: slurm-test-cluster.sh start|stop DIR}
case $cmd in start|stop) ;; *) echo "usage: slurm-test-cluster.sh start|stop DIR" >&2; exit 2 ;; esac
if [ "$cmd" = stop ]; then
  for p in slurmd slurmctld; do [ -f "$dir/$p.pid" ] && kill "$(cat "$dir/$p.pid")" 2>/dev/null || true; done
  # slurmd may have rewritten its pid file: its processes are also found by this cluster's own config.
  for pid in $(pgrep -f -- "-f $dir/slurm.conf" || true); do kill "$pid" 2>/dev/null || true; done
  exit 0
fi
# The daemons started below must inherit nothing of the caller's beyond stdio, which they do not
# get either: a caller that learns of this script's exit from an inherited socket or pipe
# (Foundation's Process does) would wait for as long as munged lives. 255 is bash's own script.
for fd in /proc/$$/fd/*; do
  fd=${fd##*/}
  if [ "$fd" -gt 2 ] && [ "$fd" != 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
done
for tool in munged slurmctld slurmd sbatch; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian's munge, slurmctld, slurmd, slurm-client)" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "needs root" >&2; exit 2; }
mkdir -p "$dir/state" "$dir/spool" "$dir/log"
if ! pgrep -x munged >/dev/null; then
  [ -f /etc/munge/munge.key ] || { mkdir -p /etc/munge; dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; }
  chown munge:munge /etc/munge/munge.key 2>/dev/null || true; chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge /var/lib/munge /var/log/munge; chown munge:munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
  if id munge >/dev/null 2>&1; then runuser -u munge -- munged </dev/null >/dev/null 2>&1; else munged --force </dev/null >/dev/null 2>&1; fi
fi
host=$(hostname -s)
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpus=$(nproc)
cat > "$dir/slurm.conf" <<CONF
ClusterName=mlepkgtest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPort=$(port)
SlurmdPort=$(port)
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
GresTypes=gpu
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
export SLURM_CONF="$dir/slurm.conf"
# The daemons must not hold the caller's stdout: a caller reading it to the end would wait forever.
slurmctld -f "$SLURM_CONF" </dev/null >>"$dir/log/daemons.out" 2>&1
slurmd -f "$SLURM_CONF" </dev/null >>"$dir/log/daemons.out" 2>&1
for _ in $(seq 100); do
  if sinfo -h -o %T 2>/dev/null | grep -q idle; then echo "$SLURM_CONF"; exit 0; fi
  sleep 0.2
done
echo "the node did not become idle; see $dir/log" >&2
exit 1
