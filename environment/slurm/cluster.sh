#!/usr/bin/env bash
# A real single-node Slurm cluster in one scratch folder, for tests and trying the job-array path:
# Debian's munged, slurmctld and slurmd (apt-get install --no-install-recommends slurmctld slurmd
# slurm-client munge), run as root, without systemd or cgroups. Every config, key, socket, state, spool,
# pid and log file lives in DIR; nothing under /etc or /var is used.
#
#   environment/slurm/cluster.sh start DIR   # writes DIR/slurm.conf, starts the daemons, waits until the
#                                            # node is idle; prints "export SLURM_CONF=DIR/slurm.conf"
#   export SLURM_CONF=DIR/slurm.conf         # every client (sbatch, squeue, scancel, scontrol) needs it
#   sbatch --array=0-3 job.sh
#   environment/slurm/cluster.sh stop DIR    # cancels jobs, waits for an empty queue, stops the daemons by
#                                            # PID, kills leftover job processes; exits 1 if any survive
#
# Exit status of start: 0 ready, 1 failed (the last lines of the daemons' logs are printed), 3 cannot run
# here (a binary is missing, not root, or the ports are taken) with the reason on stderr.
set -euo pipefail

CTLD_PORT=16817
SLURMD_PORT=16818

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
command="$1"
dir="$(realpath -m "$2")"
conf="$dir/slurm.conf"
export SLURM_CONF="$conf"

cannot() {
  echo "cluster.sh: cannot start Slurm here: $*" >&2
  exit 3
}

pid_of() { # pid_of NAME: the PID a daemon of this cluster was started with (empty if none)
  [ -f "$dir/run/$1.pid" ] && cat "$dir/run/$1.pid" || true
}

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

descendants() { # descendants PID: every process below PID, one PID a line
  local parent="$1" child
  for child in $(ps -o pid= --ppid "$parent" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

# The daemons run with DIFFSIM_SLURM_CLUSTER=DIR in their environment, which slurmstepd inherits (it is
# re-parented to init, so it is no descendant of slurmd): this finds what the cluster started.
MARK="DIFFSIM_SLURM_CLUSTER=$dir"
marked() { # marked: PIDs of the processes started by this cluster's daemons, and their descendants
  local e p
  for e in /proc/[0-9]*/environ; do
    p="${e#/proc/}"
    p="${p%/environ}"
    if grep -qzxF "$MARK" "$e" 2>/dev/null; then
      echo "$p"
      descendants "$p"
    fi
  done | sort -un
}

wait_gone() { # wait_gone SECONDS PID...: true once none of the PIDs is alive
  local deadline=$((SECONDS + $1)) p
  shift
  while [ $SECONDS -lt $deadline ]; do
    local any=0
    for p in "$@"; do alive "$p" && any=1; done
    [ $any -eq 0 ] && return 0
    sleep 0.2
  done
  return 1
}

start_daemon() { # start_daemon NAME COMMAND...: runs COMMAND in the background, detached, and keeps its PID
  local name="$1"
  shift
  setsid env "$MARK" "$@" </dev/null >"$dir/log/$name.out" 2>&1 &
  echo $! >"$dir/run/$name.pid"
}

show_logs() {
  local f
  for f in "$dir"/log/*; do
    echo "--- $f" >&2
    tail -n 15 "$f" >&2 || true
  done
}

start() {
  local binary
  for binary in munged slurmctld slurmd sbatch squeue scancel scontrol sinfo; do
    command -v "$binary" >/dev/null || cannot "$binary is not installed (apt-get install --no-install-recommends slurmctld slurmd slurm-client munge)"
  done
  [ "$(id -u)" -eq 0 ] || cannot "the daemons run as root in this set-up and the current user is $(id -un)"
  local port
  for port in $CTLD_PORT $SLURMD_PORT; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then cannot "port $port on 127.0.0.1 is in use (another cluster running?)"; fi
  done
  if alive "$(pid_of slurmctld)"; then cannot "a cluster from $dir is still running (stop it first)"; fi

  mkdir -p "$dir"/{munge,munge-key,state,spool,log,run}
  chmod 755 "$dir" "$dir/munge" # munged refuses a socket folder that is not 755
  chmod 700 "$dir/munge-key"
  dd if=/dev/urandom of="$dir/munge-key/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge-key/munge.key"

  local cpus mem_mb
  cpus="$(nproc)"
  mem_mb=$(($(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) * 9 / 10 / 1024))
  cat >"$conf" <<EOF
# Single-node test cluster written by environment/slurm/cluster.sh
ClusterName=diffsim-local
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MailProg=/bin/true
KillWait=5
MinJobAge=600
ReturnToService=2
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.daemon.pid
SlurmdPidFile=$dir/run/slurmd.daemon.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

  start_daemon munged munged --foreground --force --socket="$dir/munge/munge.socket" \
    --key-file="$dir/munge-key/munge.key" --seed-file="$dir/munge-key/munged.seed" \
    --pid-file="$dir/run/munged.daemon.pid" --log-file="$dir/log/munged.log"
  local deadline=$((SECONDS + 10))
  until [ -S "$dir/munge/munge.socket" ]; do
    if [ $SECONDS -ge $deadline ] || ! alive "$(pid_of munged)"; then
      echo "cluster.sh: munged did not start" >&2
      show_logs
      stop_daemons
      exit 1
    fi
    sleep 0.1
  done
  start_daemon slurmctld slurmctld -D -f "$conf"
  start_daemon slurmd slurmd -D -f "$conf" -N localhost

  deadline=$((SECONDS + 30))
  until [ "$(sinfo -h -n localhost -o %T 2>/dev/null)" = "idle" ]; do
    if [ $SECONDS -ge $deadline ] || ! alive "$(pid_of slurmctld)" || ! alive "$(pid_of slurmd)"; then
      echo "cluster.sh: the node did not become idle within 30 s" >&2
      show_logs
      stop_daemons
      exit 1
    fi
    sleep 0.2
  done
  echo "export SLURM_CONF=$conf"
}

stop_daemons() { # slurmd, slurmctld, munged in this order, by PID; then leftover slurmstepd/job processes
  local name pid leftovers=()
  for name in slurmd slurmctld munged; do
    pid="$(pid_of "$name")"
    if alive "$pid"; then
      kill -TERM "$pid"
      wait_gone 10 "$pid" || kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  mapfile -t leftovers < <(marked)
  if [ ${#leftovers[@]} -gt 0 ]; then
    echo "cluster.sh: killing leftover processes ${leftovers[*]}" >&2
    kill -KILL "${leftovers[@]}" 2>/dev/null || true
    wait_gone 5 "${leftovers[@]}" || true
  fi
}

stop() {
  [ -d "$dir" ] || return 0
  if alive "$(pid_of slurmctld)"; then
    local jobs
    jobs="$(squeue -h -o %A 2>/dev/null || true)"
    [ -z "$jobs" ] || scancel $jobs 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    while [ -n "$(squeue -h -o %A 2>/dev/null || true)" ] && [ $SECONDS -lt $deadline ]; do sleep 0.3; done
  fi
  stop_daemons
  local survivors
  survivors="$(marked | tr '\n' ' ')"
  if [ -n "$survivors" ]; then
    echo "cluster.sh: still running after stop: $survivors" >&2
    return 1
  fi
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
