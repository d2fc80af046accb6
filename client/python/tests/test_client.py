"""assay_client against a real assayd: python3 -m unittest discover -s tests
(ASSAYD_EXE and ASSAY_EXE name the built binaries)."""
import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import assay_client as ac  # noqa: E402
from daemon import ASSAY, Daemon, wait_for  # noqa: E402

GIL = ("Only one thread runs Python bytecode at a time because of the GIL; "
       "I/O-bound threads still help, use multiprocessing for CPU-bound work.")


def free_endpoint():
    d = Daemon()
    ep = d.endpoint
    d.stop()
    return ep


class Basic(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = Daemon("--threads", "2")

    @classmethod
    def tearDownClass(cls):
        cls.d.stop()

    def test_grade_returns_typed_verdict(self):
        with ac.Client(self.d.endpoint) as c:
            v = c.grade(GIL, "gil")
        self.assertIsInstance(v, ac.Verdict)
        self.assertEqual(v.band, "correct")
        self.assertGreater(v.score, 0.5)
        self.assertEqual(v.question_id, "gil")
        self.assertIn("Global Interpreter Lock", [m.label for m in v.matched])
        self.assertTrue(all(isinstance(m, ac.Concept) for m in v.missing))
        self.assertEqual(len(v.model), 64)

    def test_inline_grade(self):
        with ac.Client(self.d.endpoint) as c:
            v = c.grade("a lock only one thread holds", question="What is a mutex?",
                        reference="A lock that only one thread can hold at a time.")
        self.assertIn(v.band, ("correct", "partial", "incorrect"))

    def test_questions_health_stats(self):
        with ac.Client(self.d.endpoint) as c:
            qs = c.questions()
            h = c.health()
            s = c.stats()
        self.assertIn("gil", [q.id for q in qs])
        self.assertTrue(h.ok)
        self.assertEqual(h.models[0].id, "python-fullstack")
        self.assertEqual(h.models[0].questions, len(qs))
        self.assertGreaterEqual(s.requests, 3)

    def test_errors_are_exceptions_with_codes(self):
        with ac.Client(self.d.endpoint) as c:
            with self.assertRaises(ac.UnknownQuestion) as e:
                c.grade("x", "no-such-question")
            self.assertEqual(e.exception.code, "unknown_question")
            self.assertIn("no-such-question", e.exception.message)
            with self.assertRaises(ac.MessageTooLarge):
                c.grade("x " * 40000, "gil")
            with self.assertRaises(ac.InvalidRequest) as e:
                c._ok({"op": "explode"})
            self.assertEqual(e.exception.code, "unknown_op")
            self.assertEqual(e.exception.field, "op")
            with self.assertRaises(ValueError):
                c.grade("x")
            # the client still works after errors
            self.assertEqual(c.grade(GIL, "gil").band, "correct")

    def test_require_model_hash(self):
        with ac.Client(self.d.endpoint) as c:
            served = c.health().models[0].hash
        # the served hash, in full or as a prefix: verdicts as usual
        for want in (served, served[:12]):
            with ac.Client(self.d.endpoint, require_model=want) as c:
                v = c.grade(GIL, "gil")
                self.assertEqual(v.model, served)
                self.assertTrue(c.health().ok)
        other = ("0" if served[0] != "0" else "1") + served[1:]
        with ac.Client(self.d.endpoint, require_model=other) as c:
            with self.assertRaises(ac.ModelMismatch) as e:
                c.grade(GIL, "gil")
            self.assertEqual(e.exception.code, "model_mismatch")
            self.assertEqual(e.exception.field, "model_hash")
            self.assertIn(served, e.exception.message)
            self.assertIn(other, e.exception.message)
            rs = list(c.grade_many([{"answer": GIL, "question_id": "gil"}] * 3))
            self.assertTrue(all(isinstance(r.error, ac.ModelMismatch)
                                for r in rs))
        for bad in ("abc", "G" * 64, served.upper(), "0" * 65, 12):
            with self.assertRaises(ac.ConfigError):
                ac.Client(self.d.endpoint, require_model=bad)

    def test_grade_many_keeps_input_order_with_a_window(self):
        items = [ac.GradeRequest(answer=GIL if i % 3 else "no idea",
                                 question_id="gil", tag=f"t{i}")
                 for i in range(100)]
        items[50] = ac.GradeRequest(answer="x", question_id="nope", tag="bad")
        items.append({"answer": "no question"})
        with ac.Client(self.d.endpoint) as c:
            rs = list(c.grade_many(items, window=7))
        self.assertEqual([r.index for r in rs], list(range(101)))
        self.assertEqual(rs[1].tag, "t1")
        self.assertTrue(rs[1].ok and rs[1].verdict.band == "correct")
        self.assertIsInstance(rs[50].error, ac.UnknownQuestion)
        self.assertIsInstance(rs[100].error, ac.InvalidRequest)
        self.assertEqual(sum(r.ok for r in rs), 99)

    def test_abandoned_batch_does_not_answer_the_next_call(self):
        with ac.Client(self.d.endpoint) as c:
            for r in c.grade_many([{"answer": "no idea", "question_id": "gil"}] * 50,
                                  window=16):
                break
            self.assertEqual(c.grade(GIL, "gil").band, "correct")
            self.assertTrue(c.health().ok)

    def test_async_client(self):
        async def main():
            async with ac.AsyncClient(self.d.endpoint) as c:
                vs = await asyncio.gather(*(c.grade(GIL, "gil")
                                            for _ in range(30)))
                with self.assertRaises(ac.UnknownQuestion):
                    await c.grade("x", "nope")
                rs = await c.grade_many(
                    [{"answer": GIL, "question_id": "gil", "tag": i}
                     for i in range(40)], window=5)
                h = await c.health()
                return vs, rs, h
        vs, rs, h = asyncio.run(main())
        self.assertTrue(all(v.band == "correct" for v in vs))
        self.assertEqual([r.tag for r in rs], list(range(40)))
        self.assertTrue(all(r.ok for r in rs))
        self.assertTrue(h.ok)

    def test_endpoint_from_environment(self):
        os.environ["ASSAY_ENDPOINT"] = self.d.endpoint
        try:
            with ac.Client() as c:
                self.assertEqual(c.endpoint, self.d.endpoint)
                self.assertTrue(c.health().ok)
        finally:
            del os.environ["ASSAY_ENDPOINT"]

    def test_examples_use_the_package(self):
        src = os.path.join(os.path.dirname(__file__), "..", "..", "..")
        ex = os.path.join(src, "examples", "python")
        r = subprocess.run([sys.executable, os.path.join(ex, "grade_batch.py"),
                            os.path.join(src, "examples", "answers",
                                         "python-fullstack.jsonl")],
                           capture_output=True, text=True,
                           env=dict(os.environ, ASSAY_ENDPOINT=self.d.endpoint))
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = [json.loads(x) for x in r.stdout.splitlines()]
        self.assertEqual(lines[0]["id"], "cand-01-gil")
        self.assertEqual(len(lines), 12)
        # the Django view compiles (Django itself is not needed for that)
        import py_compile
        py_compile.compile(os.path.join(ex, "django_view.py"), doraise=True,
                           cfile=os.path.join(tempfile.mkdtemp(), "x.pyc"))

    def test_bad_options(self):
        with self.assertRaises(ac.ConfigError):
            ac.Client("tcp://127.0.0.1:1,mdp+tcp://127.0.0.1:2")
        with self.assertRaises(ac.ConfigError):
            ac.Client(self.d.endpoint, timeout_ms=0)
        with self.assertRaises(ac.ConfigError):
            ac.Client(self.d.endpoint, curve_secret_key="x" * 40)


class Reliability(unittest.TestCase):
    def test_nothing_listening_is_unreachable_at_once(self):
        ep = free_endpoint()
        t0 = time.monotonic()
        with ac.Client(ep) as c:
            with self.assertRaises(ac.Unreachable) as e:
                c.health()
        self.assertLess(time.monotonic() - t0, 2.0)
        self.assertIn("is assayd running?", str(e.exception))

        async def main():
            async with ac.AsyncClient(ep) as c:
                await c.health()
        with self.assertRaises(ac.Unreachable):
            asyncio.run(main())

    def test_busy_is_retried_with_backoff(self):
        d = Daemon("--threads", "1", "--hwm", "2")
        try:
            with ac.Client(d.endpoint) as c:
                rs = list(c.grade_many([{"answer": GIL * 10, "question_id": "gil"}
                                        for _ in range(300)], window=32))
                busy = c.stats().errors.get("busy", 0)
            self.assertEqual([r.ok for r in rs], [True] * 300,
                             [r.error for r in rs if not r.ok][:3])
            self.assertGreater(busy, 0, "the service never said busy")
        finally:
            d.stop()

    def test_lazy_pirate_resends_after_a_stall_and_times_out_after_retries(self):
        d = Daemon("--threads", "1")
        try:
            with ac.Client(d.endpoint, timeout_ms=300, retries=5) as c:
                self.assertTrue(c.health().ok)
                d.kill(signal.SIGSTOP)  # the service stalls...
                t = __import__("threading").Timer(0.5, d.kill,
                                                  (signal.SIGCONT,))
                t.start()                 # ...and comes back within the budget
                self.assertEqual(c.grade(GIL, "gil").band, "correct")
                t.join()
            with ac.Client(d.endpoint, timeout_ms=200, retries=1) as c:
                self.assertTrue(c.health().ok)
                d.kill(signal.SIGSTOP)
                try:
                    with self.assertRaises(ac.Timeout) as e:
                        c.health()
                    self.assertIn("after 2 tries of 200 ms", str(e.exception))
                finally:
                    d.kill(signal.SIGCONT)
        finally:
            d.stop()

    def test_async_busy_backoff_and_stall(self):
        d = Daemon("--threads", "1", "--hwm", "2")
        try:
            async def main():
                async with ac.AsyncClient(d.endpoint, timeout_ms=300,
                                          retries=5) as c:
                    rs = await c.grade_many(
                        [{"answer": GIL * 10, "question_id": "gil"}] * 200,
                        window=32)
                    busy = (await c.stats()).errors.get("busy", 0)
                    d.kill(signal.SIGSTOP)
                    loop = asyncio.get_running_loop()
                    loop.call_later(0.5, d.kill, signal.SIGCONT)
                    v = await c.grade(GIL, "gil")
                    return rs, busy, v
            rs, busy, v = asyncio.run(main())
            self.assertTrue(all(r.ok for r in rs),
                            [r.error for r in rs if not r.ok][:3])
            self.assertGreater(busy, 0, "the service never said busy")
            self.assertEqual(v.band, "correct")
        finally:
            d.kill(signal.SIGCONT)
            d.stop()

    def test_failover_between_two_instances_without_a_broker(self):
        a = Daemon("--threads", "1")
        b = Daemon("--threads", "1")
        try:
            items = [{"answer": GIL, "question_id": "gil", "tag": i}
                     for i in range(1500)]
            out = []
            with ac.Client(f"{a.endpoint},{b.endpoint}", timeout_ms=500) as c:
                for r in c.grade_many(items, window=8):
                    out.append(r)
                    if len(out) == 200:
                        with ac.Client(b.endpoint) as cb:
                            self.assertGreater(cb.stats().requests, 20,
                                               "b took no requests")
                        b.stop(signal.SIGKILL)
            self.assertEqual([r.tag for r in out], list(range(1500)))
            self.assertTrue(all(r.ok for r in out))
        finally:
            a.stop()
            b.stop()


class Majordomo(unittest.TestCase):
    def test_mdp_endpoint_through_a_broker(self):
        broker = Daemon(sub="broker")
        worker = Daemon("--threads", "1", sub="worker", endpoint=broker.endpoint)
        try:
            with ac.Client("mdp+" + broker.endpoint) as c:
                wait_for(lambda: worker.proc.poll() is None, what="worker")
                self.assertEqual(c.grade(GIL, "gil").band, "correct")
                rs = list(c.grade_many([{"answer": GIL, "question_id": "gil"}] * 20,
                                       window=4))
                self.assertTrue(all(r.ok for r in rs))
                served = c.health().models[0].hash
            # the worker checks the required model behind the broker too
            with ac.Client("mdp+" + broker.endpoint,
                           require_model=served[:16]) as c:
                self.assertEqual(c.grade(GIL, "gil").model, served)
            with ac.Client("mdp+" + broker.endpoint,
                           require_model="f" * 64) as c:
                with self.assertRaises(ac.ModelMismatch):
                    c.grade(GIL, "gil")
        finally:
            worker.stop()
            broker.stop()


class Curve(unittest.TestCase):
    def test_curve_keys_admitted_and_refused(self):
        tmp = tempfile.mkdtemp()
        try:
            allow = os.path.join(tmp, "allow")
            os.mkdir(allow)
            for name in ("server", "client", "stranger"):
                subprocess.run([ASSAY, "keygen", os.path.join(tmp, name)],
                               check=True, stdout=subprocess.DEVNULL)
            shutil.copy(os.path.join(tmp, "client.pub"), allow)
            d = Daemon("--curve-secret", os.path.join(tmp, "server.key"),
                       "--allow-clients", allow)
            try:
                with ac.Client(d.endpoint,
                               curve_key_file=os.path.join(tmp, "client.key"),
                               server_key_file=os.path.join(tmp, "server.pub")) as c:
                    self.assertEqual(c.grade(GIL, "gil").band, "correct")
                t0 = time.monotonic()
                with ac.Client(d.endpoint,
                               curve_key_file=os.path.join(tmp, "stranger.key"),
                               server_key_file=os.path.join(tmp, "server.pub")) as c:
                    with self.assertRaises(ac.Unreachable) as e:
                        c.health()
                self.assertIn("refused this client's key", str(e.exception))
                self.assertLess(time.monotonic() - t0, 2.5)
            finally:
                d.stop()
            with self.assertRaises(ac.ConfigError):
                ac.Client("tcp://127.0.0.1:1",
                          curve_key_file=os.path.join(tmp, "client.pub"),
                          server_key_file=os.path.join(tmp, "server.pub"))
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    unittest.main()
