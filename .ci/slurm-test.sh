#!/usr/bin/env bash
# Test examples/slurm/sweep.sbatch on a real Slurm: Debian's slurm-wlm and
# munge run a one-node cluster on localhost, started here without systemd
# (see the top of the sbatch, and README "Long runs: progress, resumption,
# clusters").
#
# It submits the example as a 4-task array for a small Sobol sweep, requeues
# one task mid-run (it must resume from its journal and append to its log),
# checks that the script refuses clearly a missing program and a task
# outside the shards, deletes one finished shard and resubmits its task the
# usual way (--array=3: it must run shard 2 of 4 again, not the whole sweep),
# merges the shards and compares the result byte for byte with the same sweep
# run unsharded. It stops the daemons it started, by PID, also on failure.
#
# Run it as root (CI does; otherwise it restarts itself with sudo) from a
# checkout, with Go on the PATH: .ci/slurm-test.sh. It takes about 1-2 min
# once the packages are installed. Its files are in $SLURM_TEST_DIR (default
# /tmp/mutualsim-slurm-test), removed at the end unless SLURM_TEST_KEEP=1.
# The folder's name is fixed so that a run finds, and stops, the daemons of
# an earlier run that was killed before it could stop them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
SECONDS=0

if [ "$(id -u)" -ne 0 ]; then
  # slurmd, and munged's setup, need root.
  exec sudo env "PATH=$PATH" bash "$repo/.ci/slurm-test.sh" "$@"
fi

base=${SLURM_TEST_DIR:-/tmp/mutualsim-slurm-test}
shards=4

say() { echo "== [${SECONDS}s] $*"; }
die() { echo "slurm test FAILED: $*" >&2; exit 1; }

# --- packages -------------------------------------------------------------
need=()
for c in slurmctld slurmd sbatch; do
  command -v "$c" >/dev/null 2>&1 || { need+=(slurm-wlm); break; }
done
command -v munged >/dev/null 2>&1 || need+=(munge)
command -v jq >/dev/null 2>&1 || need+=(jq)
if [ "${#need[@]}" -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
say "$(slurmctld -V), $(munged -V 2>&1 | head -n 1)"

# --- daemons of an earlier run, and other clusters --------------------------
# $base/pids lists "name pid" for every daemon this script started, $base/jobs
# the jobs it submitted.
live_daemons() { # the lines of $base/pids whose process still runs
  local name pid
  [ -f "$base/pids" ] || return 0
  while read -r name pid; do
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ]; then echo "$name $pid"; fi
  done <"$base/pids"
}
cancel_jobs() { # a job's processes outlive slurmd: cancel the jobs first
  [[ $'\n'$(live_daemons) == *$'\n'slurmctld\ * ]] || return 0
  [ -s "$base/jobs" ] || return 0
  local jobs
  mapfile -t jobs <"$base/jobs"
  SLURM_CONF=$base/etc/slurm.conf timeout 10 scancel "${jobs[@]}" 2>/dev/null || true
  for _ in $(seq 40); do
    [ -n "$(SLURM_CONF=$base/etc/slurm.conf timeout 5 squeue -h -o %i 2>/dev/null)" ] || return 0
    sleep 0.5
  done
  echo "jobs still in the queue after scancel:" >&2
  SLURM_CONF=$base/etc/slurm.conf timeout 5 squeue >&2 || true
}
stop_daemons() { # TERM each live daemon, wait up to 20 s, then KILL
  local name pid pids=()
  while read -r name pid; do
    kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  done < <(live_daemons)
  for _ in $(seq 40); do
    for pid in ${pids[@]+"${pids[@]}"}; do
      if kill -0 "$pid" 2>/dev/null; then sleep 0.5; continue 2; fi
    done
    break
  done
  for pid in ${pids[@]+"${pids[@]}"}; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "pid $pid did not stop in 20 s: killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

if [ -f "$base/owner" ]; then
  owner=$(cat "$base/owner")
  if [ "$owner" != "$$" ] && tr '\0' ' ' 2>/dev/null <"/proc/$owner/cmdline" | grep -q slurm-test; then
    die "another run of this test (pid $owner) is using $base"
  fi
  left=$(live_daemons)
  if [ -n "$left" ]; then
    say "stopping the daemons an earlier run left: ${left//$'\n'/, }"
    cancel_jobs
    stop_daemons
  fi
fi
for d in slurmctld slurmd; do
  if others=$(pgrep -a -x "$d"); then
    die "a $d not started by this test is running; stop it first (this test runs its own cluster on the default ports):
$others"
  fi
done
rm -rf "$base"
mkdir -p "$base"/{etc,run,state,spool,log,bin,work}
chmod 0755 "$base"
echo $$ >"$base/owner"
: >"$base/pids"
: >"$base/jobs"
conf=$base/etc/slurm.conf
export SLURM_CONF=$conf
work=$base/work
log=$base/log

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [ "$rc" -ne 0 ]; then
    echo "---- the test failed (exit $rc); logs:" >&2
    for f in "$log"/* "$work"/*.out; do
      [ -f "$f" ] || continue
      echo "---- $f (last 40 lines)" >&2
      tail -n 40 "$f" >&2
    done
  fi
  cancel_jobs
  stop_daemons
  if [ "${SLURM_TEST_KEEP:-0}" = 1 ]; then
    echo "kept $base" >&2
  else
    rm -rf "$base"
  fi
  if [ "$rc" -eq 0 ]; then
    echo "slurm test passed in $SECONDS s"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started() { echo "$1 $2" >>"$base/pids"; }

# wait_for SECONDS WHAT COMMAND...: run COMMAND every half second until it
# succeeds; fail after SECONDS.
wait_for() {
  local limit=$1 what=$2
  shift 2
  local end=$((SECONDS + limit))
  until "$@"; do
    [ "$SECONDS" -lt "$end" ] || die "timed out after $limit s waiting for $what"
    sleep 0.5
  done
}

# --- munge ----------------------------------------------------------------
munge_ok() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }
if munge_ok; then
  say "using the munged already running"
else
  say "starting munged"
  if [ ! -s /etc/munge/munge.key ]; then
    install -d -o munge -g munge -m 0700 /etc/munge
    mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
  fi
  install -d -o munge -g munge -m 0755 /run/munge
  install -o munge -g munge -m 0644 /dev/null "$log/munged.log"
  setpriv --reuid=munge --regid=munge --init-groups \
    munged --foreground --log-file="$log/munged.log" </dev/null >>"$log/munged.log" 2>&1 &
  started munged $!
  wait_for 20 "munged (munge -n | unmunge)" munge_ok
fi

# --- slurm ----------------------------------------------------------------
# The node as slurmd sees it (CPUs, sockets, cores, threads, memory), named
# localhost. No cgroup.conf: proctrack/linuxproc and task/none use no cgroups.
node=$(slurmd -C | head -n 1 | sed 's/^NodeName=[^ ]*//')
cpus=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$node")
[ "${cpus:-0}" -ge 2 ] || die "the example asks for 2 CPUs per task; this machine has ${cpus:-?}"
cat >"$conf" <<EOF
# A one-node cluster for .ci/slurm-test.sh (written by it).
ClusterName=mutualsim-test
SlurmctldHost=localhost
SlurmUser=slurm
AuthType=auth/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
ReturnToService=2
SlurmctldPidFile=$base/run/slurmctld.pid
SlurmdPidFile=$base/run/slurmd.pid
SlurmdSpoolDir=$base/spool
StateSaveLocation=$base/state
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
KillWait=5
# A requeued job waits for the job credential's lifetime (default 120 s)
# before it starts again; then for the next scheduling pass (60 s).
AuthInfo=cred_expire=10
SchedulerParameters=sched_interval=2,bf_interval=2
MailProg=/bin/true
NodeName=localhost NodeHostname=localhost$node State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
chown slurm:slurm "$base/state" "$base/run"

say "starting slurmctld and slurmd ($(grep ^NodeName "$conf"))"
# In the foreground (-D) with no log file configured, they log to stderr.
slurmctld -D -f "$conf" </dev/null >>"$log/slurmctld.log" 2>&1 &
started slurmctld $!
slurmd -D -N localhost -f "$conf" </dev/null >>"$log/slurmd.log" 2>&1 &
started slurmd $!
node_idle() { [ "$(sinfo -h -N -n localhost -o %T 2>/dev/null)" = idle ]; }
wait_for 120 "the node to be idle in sinfo" node_idle
sinfo

# --- the sweep --------------------------------------------------------------
say "building mutualsim"
bin=$base/bin/mutualsim
go build -o "$bin" ./cmd/mutualsim
export SWEEP_BIN=$bin

# examples/sobol-pension.yaml, renamed, its size pinned as it is: 256 base
# samples x (4 levers + 2) x 2 replications = 3,072 runs over 15 years at the
# small scale, 768 for each of the 4 tasks: 5-8 s on 2 CPUs, long enough to
# requeue a task mid-run; the whole sweep takes 20-30 s.
sed -e 's/^name: .*/name: slurm-ci/' -e 's/^points: .*/points: 256/' -e 's/^replications: .*/replications: 2/' \
  -e 's/^scale: .*/scale: small/' -e 's/^years: .*/years: 15/' examples/sobol-pension.yaml >"$work/design.yaml"
runs_per_shard=768
results=$work/results/sweep-slurm-ci-1
sbatch_script=$repo/examples/slurm/sweep.sbatch

submit() { # sbatch ARGS...: prints the job id, and keeps it for the cleanup
  local id
  id=$(sbatch --parsable --chdir="$work" "$@")
  id=${id%%;*}
  echo "$id" >>"$base/jobs"
  echo "$id"
}
job_field() { # JOB FIELD: e.g. JobState, ExitCode of a job or an array task
  scontrol -o show job "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}
job_gone() { [ -z "$(squeue -h -j "$1" -o %i 2>/dev/null)" ]; }
expect_done() { # JOB STATE EXITCODE
  local s e
  s=$(job_field "$1" JobState)
  e=$(job_field "$1" ExitCode)
  if [ "$s" != "$2" ] || [ "$e" != "$3" ]; then die "job $1 ended $s with exit code $e, not $2 $3"; fi
}
out_of() { echo "$work/mutualsim-sweep-$1_$2.out"; }
expect_log() { # FILE PATTERN (grep -E)
  grep -Eq -- "$2" "$1" || die "$1 lacks /$2/:
$(cat "$1")"
}

say "the script refuses a missing program and a task that is not a shard"
j=$(SWEEP_SHARDS=$shards SWEEP_BIN=$base/bin/nothing-here submit --array=1 "$sbatch_script" design.yaml)
k=$(SWEEP_SHARDS=$shards submit --array=5 "$sbatch_script" design.yaml)
wait_for 60 "jobs $j and $k to end" eval "job_gone $j && job_gone $k"
expect_done "${j}_1" FAILED 2:0
expect_log "$(out_of "$j" 1)" "error: no program at $base/bin/nothing-here"
expect_done "${k}_5" FAILED 2:0
expect_log "$(out_of "$k" 5)" "error: array task 5 is not one of the 4 shards numbered from 1"
[ ! -e "$work/results" ] || die "a refused task wrote $work/results"

say "submitting the sweep as an array of $shards tasks"
job=$(SWEEP_SHARDS=$shards submit --array=1-$shards "$sbatch_script" design.yaml)
echo "job $job"

# Requeue the first task that runs once its journal holds a quarter of its
# runs (the header line is not a run).
requeue_target=
journal_quarter() {
  local t i
  for t in $(squeue -h -j "$job" -t RUNNING -o %K 2>/dev/null); do
    i=$((t - 1))
    if [ "$(wc -l 2>/dev/null <"$results/shard-$i-of-$shards/journal.log" || echo 0)" -gt $((runs_per_shard / 4)) ]; then
      requeue_target=$t
      return 0
    fi
  done
  return 1
}
wait_for 120 "a task of job $job to run a quarter of its runs" journal_quarter
t=$requeue_target
done_before=$(($(wc -l <"$results/shard-$((t - 1))-of-$shards/journal.log") - 1))
say "requeueing task $t (shard $((t - 1)) of $shards) after $done_before of its $runs_per_shard runs"
scontrol requeue "${job}_$t"
wait_for 300 "job $job to end" job_gone "$job"
for t2 in $(seq 1 $shards); do
  expect_done "${job}_$t2" COMPLETED 0:0
  expect_log "$(out_of "$job" "$t2")" "shard $((t2 - 1)) of $shards \\(command line\\): $runs_per_shard runs"
done
[ "$(job_field "${job}_$t" Restarts)" = 1 ] || die "task $t was not restarted: Restarts=$(job_field "${job}_$t" Restarts)"
requeued_log=$(out_of "$job" "$t")
# Two starts in one log (--open-mode=append), the second resuming.
expect_log "$requeued_log" "restart 0: shard $((t - 1)) of $shards"
expect_log "$requeued_log" "restart 1: shard $((t - 1)) of $shards"
resumed=$(sed -n 's/^resumed: \([0-9]*\) runs were already in the journal, \([0-9]*\) ran now$/\1 \2/p' "$requeued_log")
read -r had ran <<<"${resumed:-0 0}"
if [ "$had" -lt "$done_before" ] || [ "$ran" -eq 0 ] || [ $((had + ran)) -ne $runs_per_shard ]; then
  die "task $t did not resume mid-run: \"resumed: ${resumed:-(no such line)}\" in $requeued_log"
fi
echo "task $t resumed: $had runs were in its journal, $ran ran after the requeue"

say "resubmitting one task the usual way (--array=3) after deleting its shard"
rm -rf "$results/shard-2-of-$shards"
if "$bin" merge "$results"/shard-* --out "$base/incomplete" >"$log/merge-incomplete.txt" 2>&1; then
  die "merge of 3 shards of 4 succeeded: $(cat "$log/merge-incomplete.txt")"
fi
grep -q "^missing shards: 2$" "$log/merge-incomplete.txt" || die "merge did not name the missing shard: $(cat "$log/merge-incomplete.txt")"
again=$(SWEEP_SHARDS=$shards submit --array=3 "$sbatch_script" design.yaml)
wait_for 120 "job $again to end" job_gone "$again"
expect_done "${again}_3" COMPLETED 0:0
expect_log "$(out_of "$again" 3)" "array task 3 .*COUNT=1 .*shard 2 of $shards\$"
expect_log "$(out_of "$again" 3)" "shard 2 of $shards done: $runs_per_shard runs"
[ -s "$results/shard-2-of-$shards/journal.log" ] || die "task 3 did not write shard 2 of $shards"
for f in "$results"/*; do # the resubmitted task wrote its shard, and nothing else
  case ${f##*/} in
    shard-[0-3]-of-$shards) ;;
    *) die "unexpected $f" ;;
  esac
done

# --- merged = unsharded -----------------------------------------------------
say "merging the shards, and running the sweep unsharded"
"$bin" merge "$results"/shard-* --quiet
"$bin" sweep "$work/design.yaml" --out "$work/whole" --quiet
say "comparing $results with $work/whole"
files=$(cd "$work/whole" && find . -type f | sort)
merged_files=$(cd "$results" && find . -path './shard-*' -prune -o -type f -print | sort)
[ "$files" = "$merged_files" ] || die "the merged and unsharded folders hold different files:
$(diff <(echo "$files") <(echo "$merged_files"))"
for f in $files; do
  a=$work/whole/$f
  b=$results/$f
  case $f in
    ./journal.log)
      # An unsharded sweep journals runs as they finish (in any order), the
      # merge in run order: same lines, sorted.
      cmp <(sort "$a") <(sort "$b") || die "journal.log: the merged runs differ"
      ;;
    ./manifest.json)
      # Says how each folder was made: the unsharded one's design file,
      # workers and start and end times, the merged one's shard folders and
      # end time. Everything else must agree.
      drop='del(.design_file, .workers, .started, .finished, .merged_from)'
      cmp <(jq -S "$drop" "$a") <(jq -S "$drop" "$b") || die "manifest.json: $(diff <(jq -S "$drop" "$a") <(jq -S "$drop" "$b"))"
      ;;
    ./report.html)
      # The report shows the manifest's design file and end time.
      drop='^<dt>(design file|finished)</dt>'
      cmp <(grep -Ev "$drop" "$a") <(grep -Ev "$drop" "$b") || die "report.html: $(diff <(grep -Ev "$drop" "$a") <(grep -Ev "$drop" "$b"))"
      ;;
    *)
      cmp "$a" "$b"
      ;;
  esac
done
echo "$(wc -l <<<"$files") files agree"
