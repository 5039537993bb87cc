"""Runs the module's test with its call stubbed, then the call itself against the server."""
import io
import unittest

from shop import llm
from tests import test_llm


def main():
    suite = unittest.defaultTestLoader.loadTestsFromModule(test_llm)
    result = unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
    print("tests:", result.testsRun, "failures:", len(result.failures), "errors:", len(result.errors))
    for _, trace in result.failures + result.errors:
        print(trace.strip().splitlines()[-1])
    print("answer:", llm.ask("What is the capital of France?"))


if __name__ == "__main__":
    main()
