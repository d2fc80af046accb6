# run.sh PYTHON TEST_MODULE: runs one unittest module of client/python/tests
# with PYTHON; exit 77 (skipped) when PYTHON has no pyzmq.
py=$1
cd "$(dirname "$0")/../../client/python/tests" || exit 1
"$py" -c 'import zmq' 2>/dev/null || { echo "pyzmq missing for $py: skipped"; exit 77; }
exec "$py" -m unittest -v "$2"
