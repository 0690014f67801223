using System.Runtime.InteropServices;

namespace Tuner.Actors.CostModel;

/// <summary>
/// The few LightGBM C API calls the cost model needs (lib_lightgbm from the LightGBM NuGet package, needs libgomp1).
/// Every call's return code is checked; a failure throws with LightGBM's own message.
/// </summary>
internal static partial class LightGbmNative
{
    private const string Lib = "lib_lightgbm";
    public const int DtypeFloat32 = 0, DtypeFloat64 = 1;
    public const int PredictNormal = 0;

    [LibraryImport(Lib)] private static partial IntPtr LGBM_GetLastError();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_DatasetCreateFromMat(IntPtr data, int dataType, int nrow, int ncol, int isRowMajor,
        string parameters, IntPtr reference, out IntPtr handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_DatasetSetField(IntPtr handle, string field, IntPtr data, int n, int type);

    [LibraryImport(Lib)] private static partial int LGBM_DatasetFree(IntPtr handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterCreate(IntPtr trainData, string parameters, out IntPtr handle);

    [LibraryImport(Lib)] private static partial int LGBM_BoosterFree(IntPtr handle);

    [LibraryImport(Lib)]
    private static partial int LGBM_BoosterUpdateOneIterCustom(IntPtr handle, IntPtr grad, IntPtr hess, out int isFinished);

    [LibraryImport(Lib)]
    private static partial int LGBM_BoosterGetPredict(IntPtr handle, int dataIdx, out long outLen, IntPtr outResult);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterPredictForMat(IntPtr handle, IntPtr data, int dataType, int nrow, int ncol,
        int isRowMajor, int predictType, int startIteration, int numIteration, string parameter, out long outLen, IntPtr outResult);

    private static void Check(int rc, string call)
    {
        if (rc != 0) throw new InvalidOperationException($"LightGBM {call} failed: {Marshal.PtrToStringUTF8(LGBM_GetLastError())}");
    }

    public static unsafe IntPtr CreateDataset(float[] rowMajor, int nrow, int ncol, string parameters)
    {
        fixed (float* p = rowMajor)
        {
            Check(LGBM_DatasetCreateFromMat((IntPtr)p, DtypeFloat32, nrow, ncol, 1, parameters, IntPtr.Zero, out var h), "DatasetCreateFromMat");
            return h;
        }
    }

    public static unsafe void SetLabel(IntPtr dataset, float[] labels)
    {
        fixed (float* p = labels) Check(LGBM_DatasetSetField(dataset, "label", (IntPtr)p, labels.Length, DtypeFloat32), "DatasetSetField");
    }

    public static void FreeDataset(IntPtr h) => Check(LGBM_DatasetFree(h), "DatasetFree");

    public static IntPtr CreateBooster(IntPtr dataset, string parameters)
    {
        Check(LGBM_BoosterCreate(dataset, parameters, out var h), "BoosterCreate");
        return h;
    }

    public static void FreeBooster(IntPtr h) => Check(LGBM_BoosterFree(h), "BoosterFree");

    /// <summary>One boosting round with caller-computed gradients (our pack-sum objective).</summary>
    public static unsafe bool UpdateCustom(IntPtr booster, float[] grad, float[] hess)
    {
        fixed (float* g = grad)
        fixed (float* h = hess)
        {
            Check(LGBM_BoosterUpdateOneIterCustom(booster, (IntPtr)g, (IntPtr)h, out int finished), "BoosterUpdateOneIterCustom");
            return finished != 0;
        }
    }

    /// <summary>Current raw predictions on the training data (one per row).</summary>
    public static unsafe void TrainPredictions(IntPtr booster, double[] output)
    {
        fixed (double* o = output)
        {
            Check(LGBM_BoosterGetPredict(booster, 0, out long n, (IntPtr)o), "BoosterGetPredict");
            if (n != output.Length) throw new InvalidOperationException($"LightGBM returned {n} predictions for {output.Length} rows");
        }
    }

    public static unsafe double[] Predict(IntPtr booster, float[] rowMajor, int nrow, int ncol)
    {
        var output = new double[nrow];
        if (nrow == 0) return output;
        fixed (float* p = rowMajor)
        fixed (double* o = output)
        {
            Check(LGBM_BoosterPredictForMat(booster, (IntPtr)p, DtypeFloat32, nrow, ncol, 1, PredictNormal, 0, -1, "",
                out long n, (IntPtr)o), "BoosterPredictForMat");
            if (n != nrow) throw new InvalidOperationException($"LightGBM returned {n} predictions for {nrow} rows");
        }
        return output;
    }
}
